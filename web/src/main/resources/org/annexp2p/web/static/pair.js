/*
 * The pair section: pairing by codes, as `annex-p2p pair` and `git annex p2p --pair` do (the same flow).
 * Controls (id: what):
 *   pair-start        button: allocate this repository's code (starts a pairing)
 *   pair-cancel       button: stop the pairing; nothing is saved
 *   pair-our-code     large text: this repository's code, to read to the other person
 *   pair-form         form holding the two below (Enter in the field submits)
 *   pair-their-code   text field: the other repository's code
 *   pair-submit       button: pair with that code
 *   pair-outcome      status line: where the pairing is, and its outcome in words
 * Endpoints: GET pair/state; POST pair/start, pair/code {code}, pair/cancel.
 * Events: pair.state {state: allocating|code|waiting|linking|linked|failed, code, tries, peer, remote, reason}.
 */
(function () {
  'use strict';
  const $ = function (id) { return document.getElementById(id); };

  function words(event) {
    switch (event.state) {
      case 'idle': return 'Not started.';
      case 'allocating': return 'Getting a code from the mailbox server…';
      case 'code': return 'Tell the other person this code, and type theirs below.';
      case 'waiting': return 'Waiting for the other repository…';
      case 'linking': return event.tries > 0 ? 'Connecting to the other repository over Tor (try ' + (event.tries + 1) + ')…'
        : 'Codes exchanged; connecting to the other repository over Tor…';
      case 'linked': return 'Paired with ' + event.peer + '; added the remote ' + event.remote + '.';
      case 'failed': return 'Not paired: ' + event.reason + ' Nothing was saved.';
      default: return '';
    }
  }

  function show(event) {
    $('pair-outcome').textContent = words(event);
    const underWay = ['allocating', 'code', 'waiting', 'linking'].includes(event.state);
    $('pair-start').disabled = underWay;
    $('pair-cancel').disabled = !underWay;
    $('pair-submit').disabled = event.state !== 'code';
    if (event.state === 'code') {
      $('pair-our-code').textContent = event.code;
    } else if (!underWay) {
      $('pair-our-code').textContent = '–';
    }
  }

  function reload() {
    return AnnexUi.get('pair/state').then(show).catch(function (e) { AnnexUi.showError(e.message); });
  }

  AnnexUi.ready(function () {
    $('pair-start').addEventListener('click', function () {
      AnnexUi.clearError();
      AnnexUi.post('pair/start').catch(function (e) { AnnexUi.showError(e.message); });
    });
    $('pair-cancel').addEventListener('click', function () {
      AnnexUi.post('pair/cancel').catch(function (e) { AnnexUi.showError(e.message); });
    });
    $('pair-form').addEventListener('submit', function (e) {
      e.preventDefault();
      AnnexUi.clearError();
      AnnexUi.post('pair/code', { code: $('pair-their-code').value }).catch(function (err) { AnnexUi.showError(err.message); });
    });
    AnnexUi.on('pair.state', show);
    AnnexUi.onReconnect(reload);
    reload();
  });
}());
