/*
 * Status (helper web): the repository, its UUID and description, the addresses it gives peers and whether each
 * answers right now.
 * Controls: status-repository, status-uuid, status-description, status-tokens (cells), status-none (shown when no
 * address is served), status-served (table body: one tr per address, class status-address, data-address = it; its
 * last cell, class status-answer, says whether it answered), status-check (button: checks every address now),
 * status-check-state (status line).
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

  async function load() {
    try {
      showSummary(await ui.get('status/summary'));
    } catch (e) {
      ui.showError(e.message);
    }
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
  });
}());
