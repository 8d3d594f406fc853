/*
 * Diagnostics (helper web): every doctor check with its result, reason and fix; "copy report" copies the text
 * `annex-p2p doctor` prints.
 * Controls: doctor-run (button: starts a run), doctor-copy (button: copies the report), doctor-summary (status line),
 * doctor-rows (the table's body: one tr per check, class doctor-row, data-check = the check's name),
 * doctor-report (the report text).
 * Events: doctor.check {check: {name, status, reason, fix}}, doctor.done {state}.
 */
(function () {
  'use strict';
  const ui = window.AnnexUi;

  function row(check) {
    return ui.el('tr', { 'class': 'doctor-row', 'data-check': check.name },
      ui.el('td', { 'data-label': 'Result' }, ui.el('span', { 'class': 'badge ' + check.status }, check.status.toUpperCase())),
      ui.el('td', { 'data-label': 'Check' }, check.name),
      ui.el('td', { 'data-label': 'Reason', 'class': 'doctor-reason' }, check.reason),
      ui.el('td', { 'data-label': 'What to do', 'class': 'doctor-fix' }, check.fix));
  }

  function show(state) {
    const rows = document.getElementById('doctor-rows');
    rows.replaceChildren.apply(rows, state.checks.map(row));
    document.getElementById('doctor-report').textContent = state.report;
    document.getElementById('doctor-copy').disabled = state.report === '';
    document.getElementById('doctor-run').disabled = state.running;
    document.getElementById('doctor-summary').textContent = state.running ? 'Running… (' + state.checks.length + ' done)'
      : state.report === '' ? 'Not run yet.'
      : state.failed === 0 ? 'Nothing failed.' : state.failed + ' check(s) failed: see what to do beside each.';
  }

  async function load() {
    try {
      show(await ui.get('doctor/last'));
    } catch (e) {
      ui.showError(e.message);
    }
  }

  ui.ready(function () {
    document.getElementById('doctor-run').addEventListener('click', async function () {
      try {
        ui.clearError();
        show(await ui.post('doctor/run'));
      } catch (e) {
        ui.showError(e.message);
      }
    });
    document.getElementById('doctor-copy').addEventListener('click', async function () {
      const text = document.getElementById('doctor-report').textContent;
      try {
        await navigator.clipboard.writeText(text);
        document.getElementById('doctor-summary').textContent = 'Report copied.';
      } catch (e) {
        ui.showError('The browser would not copy: select the report below and copy it by hand.');
      }
    });
    ui.on('doctor.check', function (event) {
      document.getElementById('doctor-rows').appendChild(row(event.check));
      document.getElementById('doctor-summary').textContent = 'Running… (' + document.getElementById('doctor-rows').children.length + ' done)';
    });
    ui.on('doctor.done', function (event) { show(event.state); });
    ui.onReconnect(load);
    load();
  });
}());
