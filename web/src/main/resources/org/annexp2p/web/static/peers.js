/*
 * Peers (helper web): the remotes and LAN-paired peers, how each is reached, when it last answered, "check now".
 * Controls: peers-none (shown when there are none), peers-rows (table body: one tr per address, class peer-row,
 * data-address = it; cells of class peer-last (last reachable and the last check's words) and a button of class
 * peer-check with id peer-check-N, N counting rows from 0, aria-label "Check PEER now"), peers-reload (button).
 * Events: peers.checked {result: {address, reachable, words, at, millis}}.
 */
(function () {
  'use strict';
  const ui = window.AnnexUi;

  function lastText(peer) {
    const last = peer.last;
    const when = peer.lastReachable ? 'answered at ' + new Date(peer.lastReachable).toLocaleString() : 'not seen answering yet';
    if (!last) return when;
    return when + (last.reachable ? '' : '; last check: ' + last.words);
  }

  function row(peer, index) {
    const button = ui.el('button', { type: 'button', 'class': 'peer-check', id: 'peer-check-' + index,
      'aria-label': 'Check ' + peer.name + ' now', disabled: !peer.dialable }, 'Check now');
    button.addEventListener('click', function () { check(peer.address, button); });
    return ui.el('tr', { 'class': 'peer-row', 'data-address': peer.address },
      ui.el('td', { 'data-label': 'Peer' }, peer.name + ' (' + peer.source + ')'),
      ui.el('td', { 'data-label': 'Address' }, peer.address),
      ui.el('td', { 'data-label': 'How' }, peer.kind),
      ui.el('td', { 'data-label': 'Last reachable', 'class': 'peer-last' }, peer.dialable ? lastText(peer) : 'reached by git'),
      ui.el('td', { 'data-label': 'Check' }, button));
  }

  async function check(address, button) {
    button.disabled = true;
    button.textContent = 'Checking…';
    try {
      ui.clearError();
      await ui.post('peers/check', { address: address });
      await load();
    } catch (e) {
      ui.showError(e.message);
      button.disabled = false;
      button.textContent = 'Check now';
    }
  }

  async function load() {
    try {
      const answer = await ui.get('peers/list');
      const rows = document.getElementById('peers-rows');
      rows.replaceChildren.apply(rows, answer.peers.map(row));
      document.getElementById('peers-none').hidden = answer.peers.length > 0;
    } catch (e) {
      ui.showError(e.message);
    }
  }

  ui.ready(function () {
    document.getElementById('peers-reload').addEventListener('click', load);
    ui.on('peers.checked', load);
    ui.onReconnect(load);
    load();
  });
}());
