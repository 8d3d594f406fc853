/*
 * The tor section: make the repository reachable over Tor (the same call as `annex-p2p enable-tor`).
 * Controls (id: what):
 *   tor-way-running, tor-way-private  radio buttons: a running tor (control port) or a private one
 *   tor-control       text field: the running tor's control port (HOST:PORT or unix:PATH), empty for the usual places
 *   tor-start         button: publish the onion and check it is reachable
 *   tor-cancel        button: stop a start under way
 *   tor-bootstrap     progress bar: tor's bootstrap percentage
 *   tor-progress      status line: the current step in words
 *   tor-result        block shown once an address exists
 *   tor-address       read-only field: the onion address (not secret)
 *   tor-copy          button: copy the address
 *   tor-qr            image: QR code of the address
 *   tor-share         button: make and show the address with a new token for a peer (secret; only on click)
 *   tor-share-text    read-only text: that address with its token
 *   tor-revoke        button: remove the address from p2paddrs and delete its key
 * Endpoints: GET tor/state; POST tor/start {tor: "running"|"private", control}, tor/cancel, tor/revoke, tor/share.
 * Events: tor.progress {step: starting|stopped-leftover|bootstrap|recorded|uploaded|reachable|failed|revoked,
 *   percent, summary, address, onion, seconds, attempts, message}.
 */
(function () {
  'use strict';
  const $ = function (id) { return document.getElementById(id); };

  function running(on) {
    $('tor-start').disabled = on;
    $('tor-cancel').disabled = !on;
    $('tor-revoke').disabled = on;
  }

  function showAddress(address, qr) {
    $('tor-result').hidden = !address;
    $('tor-address').value = address || '';
    if (qr) {
      $('tor-qr').src = qr;
    } else {
      $('tor-qr').removeAttribute('src');
    }
    $('tor-share-text').hidden = true;
    $('tor-share-label').hidden = true;
    $('tor-share-text').value = '';
  }

  function words(event) {
    switch (event.step) {
      case 'starting': return 'Starting tor (' + event.policy + ')…';
      case 'stopped-leftover': return 'Stopped a tor (pid ' + event.pid + ') an earlier run left behind.';
      case 'bootstrap': return 'Tor is connecting to the network: ' + event.percent + ' %' + (event.summary ? ' (' + event.summary + ')' : '') + '.';
      case 'recorded': return 'Onion address recorded; checking that it is reachable through Tor…';
      case 'uploaded': return 'Descriptor uploaded: Tor clients can find the address; checking it answers…';
      case 'reachable': return 'Reachable through Tor in ' + event.seconds + ' s. Serve it with annex-p2p serve --tor.';
      case 'failed': return 'Not reachable: ' + event.message;
      case 'revoked': return 'Address revoked.';
      default: return '';
    }
  }

  function progress(event) {
    $('tor-progress').textContent = words(event);
    if (event.step === 'bootstrap') $('tor-bootstrap').value = event.percent;
    if (event.step === 'reachable' || event.step === 'failed' || event.step === 'revoked' || event.step === 'idle') {
      running(false);
      reload();
    }
  }

  function reload() {
    return AnnexUi.get('tor/state').then(function (state) {
      showAddress(state.address, state.qr);
      running(state.running);
      if (state.progress && state.progress.step !== 'idle') {
        $('tor-progress').textContent = words(state.progress);
        if (state.progress.step === 'bootstrap') $('tor-bootstrap').value = state.progress.percent;
      }
    }).catch(function (e) { AnnexUi.showError(e.message); });
  }

  AnnexUi.ready(function () {
    $('tor-start').addEventListener('click', function () {
      AnnexUi.clearError();
      const way = $('tor-way-private').checked ? 'private' : 'running';
      running(true);
      $('tor-bootstrap').value = 0;
      AnnexUi.post('tor/start', { tor: way, control: way === 'running' ? $('tor-control').value : '' })
        .catch(function (e) { running(false); AnnexUi.showError(e.message); });
    });
    $('tor-cancel').addEventListener('click', function () {
      AnnexUi.post('tor/cancel').catch(function (e) { AnnexUi.showError(e.message); });
    });
    $('tor-revoke').addEventListener('click', function () {
      AnnexUi.post('tor/revoke').then(reload).catch(function (e) { AnnexUi.showError(e.message); });
    });
    $('tor-copy').addEventListener('click', function () {
      navigator.clipboard.writeText($('tor-address').value)
        .then(function () { $('tor-progress').textContent = 'Address copied.'; })
        .catch(function () { $('tor-address').select(); AnnexUi.showError('Copying was refused: the address is selected, press Ctrl+C.'); });
    });
    $('tor-share').addEventListener('click', function () {
      AnnexUi.post('tor/share').then(function (answer) {
        $('tor-share-text').value = answer.addresses.join('\n');
        $('tor-share-text').hidden = false;
        $('tor-share-label').hidden = false;
      }).catch(function (e) { AnnexUi.showError(e.message); });
    });
    AnnexUi.on('tor.progress', progress);
    AnnexUi.onReconnect(reload);
    reload();
  });
}());
