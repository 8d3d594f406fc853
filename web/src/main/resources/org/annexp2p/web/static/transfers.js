/*
 * Transfers (helper web): live progress of running transfers (started here, or by git-annex in another process),
 * pushed by the server several times a second, a form to get or put a key, and the recent activity.
 * Controls: transfers-get-form (form), transfers-peer (select: a known peer's address), transfers-key (text: the key),
 * transfers-get (submit button: get from the peer), transfers-put (button: put this repository's content to the
 * peer), transfers-idle (shown when nothing runs), transfers-running (list: one li per transfer, class transfer, data-id = its id; inside: progress element class transfer-progress, text class
 * transfer-numbers with bytes, rate (or "stalled") and ETA, and for the page's own a button class transfer-cancel with id
 * transfer-cancel-ID), transfers-recent-none, transfers-recent (list: one li per finished transfer, class
 * transfer-done, data-id, data-state).
 * Events: transfers.progress {transfers: [...]}, transfers.finished {transfer}.
 */
(function () {
  'use strict';
  const ui = window.AnnexUi;

  function size(bytes) {
    if (bytes < 0) return '?';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let n = bytes;
    let u = 0;
    while (n >= 1024 && u < units.length - 1) { n /= 1024; u++; }
    return (u === 0 ? String(n) : n.toFixed(1)) + ' ' + units[u];
  }

  function eta(seconds) {
    if (seconds < 0) return 'unknown';
    if (seconds < 60) return seconds + ' s';
    return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  }

  function name(t) {
    return (t.file || t.key) + ' (' + t.direction + (t.direction === 'download' ? ' from ' : ' to ') + t.peer + ')';
  }

  function runningItem(t) {
    const bar = ui.el('progress', { 'class': 'transfer-progress', max: t.size > 0 ? t.size : 1, value: t.size > 0 ? t.bytes : 0,
      'aria-label': 'Progress of ' + (t.file || t.key) });
    const numbers = ui.el('span', { 'class': 'transfer-numbers' }, size(t.bytes) + ' of ' + size(t.size) + ', '
      + (t.stalled ? 'stalled' : t.rate >= 0 ? size(t.rate) + '/s' : 'rate unknown') + ', ' + eta(t.eta) + ' left');
    let cancel = null;
    if (t.source === 'page') {
      cancel = ui.el('button', { type: 'button', 'class': 'transfer-cancel', id: 'transfer-cancel-' + t.id,
        'aria-label': 'Cancel ' + (t.file || t.key) }, 'Cancel');
      cancel.addEventListener('click', async function () {
        cancel.disabled = true;
        try {
          await ui.post('transfers/cancel', { id: t.id });
        } catch (e) {
          ui.showError(e.message);
        }
      });
    }
    return ui.el('li', { 'class': 'transfer', 'data-id': t.id }, ui.el('div', null, name(t)), bar,
      ui.el('div', { 'class': 'row' }, numbers, cancel));
  }

  function recentItem(t) {
    return ui.el('li', { 'class': 'transfer-done', 'data-id': t.id, 'data-state': t.state },
      ui.el('span', { 'class': t.state === 'done' ? 'ok' : t.state === 'failed' ? 'fail' : 'muted' }, t.state),
      ' ', name(t), t.words ? ': ' + t.words : '');
  }

  function showRunning(list) {
    const running = document.getElementById('transfers-running');
    running.replaceChildren.apply(running, list.map(runningItem));
    document.getElementById('transfers-idle').hidden = list.length > 0;
  }

  function showRecent(list) {
    const recent = document.getElementById('transfers-recent');
    recent.replaceChildren.apply(recent, list.map(recentItem));
    document.getElementById('transfers-recent-none').hidden = list.length > 0;
  }

  async function load() {
    try {
      const answer = await ui.get('transfers/list');
      showRunning(answer.running);
      showRecent(answer.recent);
      const peers = await ui.get('peers/list');
      const select = document.getElementById('transfers-peer');
      select.replaceChildren.apply(select, peers.peers.filter(function (p) { return p.dialable; }).map(function (p) {
        return ui.el('option', { value: p.address }, p.name + ' — ' + p.address);
      }));
    } catch (e) {
      ui.showError(e.message);
    }
  }

  /** Starts a get ("get") or a put ("put") of the key in the form with the chosen peer. */
  async function start(what) {
    const address = document.getElementById('transfers-peer').value;
    const key = document.getElementById('transfers-key').value.trim();
    if (!address) {
      ui.showError('No peer to ' + what + (what === 'get' ? ' from' : ' to') + ': pair with one, or add one with annex-p2p p2p --link.');
      return;
    }
    if (!key) {
      ui.showError('Enter the key to ' + what + ': git annex lookupkey FILE prints it.');
      document.getElementById('transfers-key').focus();
      return;
    }
    try {
      ui.clearError();
      await ui.post('transfers/' + what, { address: address, key: key });
    } catch (e) {
      ui.showError(e.message);
    }
  }

  ui.ready(function () {
    document.getElementById('transfers-get-form').addEventListener('submit', function (event) {
      event.preventDefault();
      start('get');
    });
    document.getElementById('transfers-put').addEventListener('click', function () { start('put'); });
    ui.on('transfers.progress', function (event) { showRunning(event.transfers); });
    ui.on('transfers.finished', function () { load(); });
    ui.onReconnect(load);
    load();
  });
}());
