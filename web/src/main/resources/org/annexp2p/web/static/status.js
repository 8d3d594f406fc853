/*
 * Status (helper web): the repository, its UUID and description, the addresses it gives peers and whether each
 * answers right now.
 * Controls: status-repository, status-uuid, status-description, status-tokens (cells), status-none (shown when no
 * address is served), status-served (table body: one tr per address, class status-address, data-address = it; its
 * last cell, class status-answer, says whether it answered), status-check (button: checks every address now),
 * status-check-state (status line).
 * Being served now (from the running servers' record, re-read every few seconds): status-running-none (shown when
 * nothing runs), status-running (table body: one tr per way, class status-way, data-address = its address; a button
 * of class status-way-check checks it now, its cell of class status-way-answer says the outcome).
 * Events: status.checked {results: [{address, reachable, words, at, millis}]}.
 */
(function () {
  'use strict';
  const ui = window.AnnexUi;

  function showSummary(summary) {
    document.getElementById('status-repository').textContent = summary.repository;
    document.getElementById('status-uuid').textContent = summary.uuid;
    document.getElementById('status-description').textContent = summary.description || '(none: git annex describe here sets one)';
    document.getElementById('status-tokens').textContent = summary.tokens === 0
      ? 'none: no peer can authenticate yet (annex-p2p token makes one)' : String(summary.tokens);
    document.getElementById('status-none').hidden = summary.served.length > 0;
    const rows = document.getElementById('status-served');
    rows.replaceChildren.apply(rows, summary.served.map(function (served) {
      return ui.el('tr', { 'class': 'status-address', 'data-address': served.address },
        ui.el('td', { 'data-label': 'Address' }, served.address),
        ui.el('td', { 'data-label': 'How' }, served.kind),
        ui.el('td', { 'data-label': 'Answers now?', 'class': 'status-answer muted' }, 'not checked yet'));
    }));
    document.getElementById('status-check').disabled = summary.served.length === 0;
  }

  function showResults(results) {
    results.forEach(function (result) {
      document.querySelectorAll('#status-served tr.status-address').forEach(function (tr) {
        if (tr.getAttribute('data-address') !== result.address) return;
        const cell = tr.querySelector('.status-answer');
        cell.className = 'status-answer ' + (result.reachable ? 'ok' : 'fail');
        cell.textContent = (result.reachable ? 'yes, ' : 'no: ') + result.words + ' (' + result.millis + ' ms)';
      });
    });
  }

  // What the last check of each served address found, kept while the list is redrawn.
  const wayAnswers = new Map();
  let shownWays = null;

  function showWays(ways) {
    shownWays = JSON.stringify(ways);
    document.getElementById('status-running-none').hidden = ways.length > 0;
    document.getElementById('status-running-table').hidden = ways.length === 0;
    const rows = document.getElementById('status-running');
    rows.replaceChildren.apply(rows, ways.map(function (way) {
      const answer = wayAnswers.get(way.address);
      const button = ui.el('button', { type: 'button', 'class': 'status-way-check', 'aria-label': 'Check ' + way.how + ' now' }, 'Check now');
      button.addEventListener('click', function () { checkWay(way.address, button); });
      return ui.el('tr', { 'class': 'status-way', 'data-address': way.address },
        ui.el('td', { 'data-label': 'How' }, way.how),
        ui.el('td', { 'data-label': 'Address' }, way.address),
        ui.el('td', { 'data-label': 'Since' }, new Date(way.since).toLocaleString()),
        ui.el('td', { 'data-label': 'Process' }, 'pid ' + way.pid),
        ui.el('td', { 'data-label': 'Reachable now?' }, button, ' ',
          ui.el('span', { 'class': 'status-way-answer ' + (answer ? answer.className : 'muted') },
            answer ? answer.text : 'not checked yet')));
    }));
  }

  // Redrawn only when what is served changed, so a focused button keeps its focus; polling is quiet about errors.
  async function loadWays(polled) {
    try {
      const ways = (await ui.get('status/running')).ways;
      if (!polled || JSON.stringify(ways) !== shownWays) showWays(ways);
    } catch (e) {
      if (!polled) ui.showError(e.message);
    }
  }

  function answerCell(address) {
    const row = Array.from(document.querySelectorAll('#status-running tr.status-way'))
      .find(function (tr) { return tr.getAttribute('data-address') === address; });
    return row ? row.querySelector('.status-way-answer') : null;
  }

  async function checkWay(address, button) {
    button.disabled = true;
    answerCell(address).className = 'status-way-answer muted';
    answerCell(address).textContent = 'checking…';
    try {
      ui.clearError();
      const result = await ui.post('status/check-way', { address: address });
      wayAnswers.set(address, {
        className: result.reachable ? 'ok' : 'fail',
        text: (result.reachable ? 'reachable, ' + result.millis + ' ms: ' : 'not reachable: ') + result.words
      });
    } catch (e) {
      wayAnswers.delete(address);
      ui.showError(e.message);
    }
    button.disabled = false;
    const cell = answerCell(address);
    const answer = wayAnswers.get(address);
    if (cell) {
      cell.className = 'status-way-answer ' + (answer ? answer.className : 'muted');
      cell.textContent = answer ? answer.text : 'not checked yet';
    }
    await loadWays(true);
  }

  async function load() {
    try {
      showSummary(await ui.get('status/summary'));
    } catch (e) {
      ui.showError(e.message);
    }
    await loadWays(false);
  }

  ui.ready(function () {
    document.getElementById('status-check').addEventListener('click', async function () {
      const button = this;
      const state = document.getElementById('status-check-state');
      button.disabled = true;
      state.textContent = 'Checking (up to 30 s for an onion)…';
      try {
        ui.clearError();
        const answer = await ui.post('status/check');
        showResults(answer.results);
        state.textContent = 'Checked.';
      } catch (e) {
        state.textContent = '';
        ui.showError(e.message);
      } finally {
        button.disabled = false;
      }
    });
    ui.on('status.checked', function (event) { showResults(event.results); });
    ui.onReconnect(load);
    load();
    setInterval(function () { loadWays(true); }, 3000);
  });
}());
