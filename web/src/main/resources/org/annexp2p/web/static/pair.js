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
 *   LAN pairing (as `annex-p2p pair --lan`):
 *   pair-lan-way-phrase, pair-lan-way-qr, pair-lan-way-payload, pair-lan-way-find  radio buttons: how the devices meet
 *   pair-lan-form     form holding the fields and buttons below
 *   pair-lan-secret   text field: the secret phrase (the same on both devices)
 *   pair-lan-payload  text field: the text under the other device's QR code (for "payload", and when "find" asks)
 *   pair-lan-start    button: start (or, while "find" asks, give the text)
 *   pair-lan-cancel   button: stop; nothing is saved
 *   pair-lan-qr-block block shown with our QR code: pair-lan-qr (image), pair-lan-qr-text (its text, read-only)
 *   pair-lan-nearby   list: the devices nearby waiting to pair (address and id)
 *   pair-lan-outcome  status line: the LAN pairing's step and outcome in words
 * Endpoints: GET pair/state, pair/lan-state; POST pair/start, pair/code {code}, pair/cancel,
 *   pair/lan-start {way: phrase|qr|payload|find, secret, payload}, pair/lan-payload {payload}, pair/lan-cancel.
 * Events: pair.state {state: allocating|code|waiting|linking|linked|failed, code, tries, peer, remote, reason};
 *   pair.lan {state: starting|looking|qr|waiting-at|nearby|asking|confirmed|pairing|paired|failed, what, payload, qr,
 *   findable, address, devices: [{address, id}], peer, description, key, reason, advice}.
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

  function lanWords(event) {
    switch (event.state) {
      case 'idle': return 'Not started.';
      case 'starting': return 'Starting…';
      case 'looking': return 'Looking for ' + event.what + '…';
      case 'qr': return 'Scan the QR code on the other device, or give it the text below; waiting for it…';
      case 'waiting-at': return 'Waiting at ' + event.address + '; give this address to the other device.';
      case 'nearby': return event.devices.length + (event.devices.length === 1 ? ' device' : ' devices') + ' nearby.';
      case 'asking': return 'Type the text under the QR code of the device you mean, then press "Pair on this network".';
      case 'confirmed': return 'The device at ' + event.address + ' shows that QR code; pairing…';
      case 'pairing': return 'The devices met; pairing…';
      case 'paired': return 'Paired with ' + event.peer + ' (' + event.description + ').';
      case 'failed': return 'Not paired: ' + event.reason + '; ' + event.advice + '. Nothing was saved.';
      default: return '';
    }
  }

  let lanAsking = false;

  function showLan(event) {
    $('pair-lan-outcome').textContent = lanWords(event);
    const underWay = !['idle', 'paired', 'failed'].includes(event.state);
    lanAsking = event.state === 'asking';
    $('pair-lan-start').disabled = underWay && !lanAsking;
    $('pair-lan-cancel').disabled = !underWay;
    if (event.state === 'qr') {
      $('pair-lan-qr').src = event.qr;
      $('pair-lan-qr-text').value = event.payload;
      $('pair-lan-qr-block').hidden = false;
    } else if (!underWay) {
      $('pair-lan-qr-block').hidden = true;
    }
    if (event.state === 'nearby') {
      const list = $('pair-lan-nearby');
      list.replaceChildren();
      event.devices.forEach(function (d) {
        list.appendChild(AnnexUi.el('li', {}, d.address + ' (device ' + d.id + ')'));
      });
    }
    if (lanAsking) $('pair-lan-payload').focus();
  }

  function lan() {
    $('pair-lan-form').addEventListener('submit', function (e) {
      e.preventDefault();
      AnnexUi.clearError();
      if (lanAsking) {
        AnnexUi.post('pair/lan-payload', { payload: $('pair-lan-payload').value })
          .catch(function (err) { AnnexUi.showError(err.message); });
        return;
      }
      const way = document.querySelector('input[name="pair-lan-way"]:checked').value;
      $('pair-lan-nearby').replaceChildren();
      AnnexUi.post('pair/lan-start', { way: way, secret: $('pair-lan-secret').value, payload: $('pair-lan-payload').value })
        .catch(function (err) { AnnexUi.showError(err.message); });
    });
    $('pair-lan-cancel').addEventListener('click', function () {
      AnnexUi.post('pair/lan-cancel').catch(function (e) { AnnexUi.showError(e.message); });
    });
    AnnexUi.on('pair.lan', showLan);
    const reloadLan = function () {
      AnnexUi.get('pair/lan-state').then(showLan).catch(function (e) { AnnexUi.showError(e.message); });
    };
    AnnexUi.onReconnect(reloadLan);
    reloadLan();
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
    lan();
  });
}());
