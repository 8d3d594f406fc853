/*
 * The page's common part, loaded before every section's script. Sections use window.AnnexUi:
 *   AnnexUi.get(path)              -> Promise of the JSON answer of GET /api/<path>
 *   AnnexUi.post(path, body)       -> Promise of the JSON answer of POST /api/<path> (sends the CSRF header)
 *   AnnexUi.on(type, fn)           -> calls fn(event) for every server-sent event {"type": type, ...}
 *   AnnexUi.onReconnect(fn)        -> calls fn() when the event stream comes back (reload your state)
 *   AnnexUi.showError(text)        -> the page's one error line (role=alert); clearError() hides it
 *   AnnexUi.el(tag, attrs, ...kids) -> a new element (text children become text nodes: never HTML)
 *   AnnexUi.ready(fn)              -> fn() once the page is loaded
 * A failed request rejects with an Error whose message is the server's one line (what to do next).
 * Controls: nav-status, nav-tor, nav-pair, nav-peers, nav-transfers, nav-doctor (navigation links),
 * error (the error line), error-text, error-dismiss, stream-state (shown while the event stream reconnects).
 */
(function () {
  'use strict';
  const csrf = document.querySelector('meta[name="annex-csrf"]').getAttribute('content');
  const listeners = new Map();
  const reconnectListeners = [];

  async function call(method, path, body) {
    const options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
    if (method !== 'GET') {
      options.headers['X-Annex-CSRF'] = csrf;
      if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
      }
    }
    let response;
    try {
      response = await fetch('/api/' + path, options);
    } catch (e) {
      throw new Error('The page cannot reach annex-p2p ui: is it still running? Start it again and reload.');
    }
    let answer = null;
    try {
      answer = await response.json();
    } catch (e) {
      answer = null;
    }
    if (!response.ok) {
      const text = answer && answer.error ? answer.error : 'The request failed (HTTP ' + response.status + ').';
      throw new Error(text);
    }
    return answer;
  }

  function el(tag, attrs) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(function ([name, value]) {
      if (value === true) {
        node.setAttribute(name, '');
      } else if (value !== false && value !== null && value !== undefined) {
        node.setAttribute(name, String(value));
      }
    });
    for (let i = 2; i < arguments.length; i++) {
      const kid = arguments[i];
      if (kid === null || kid === undefined) continue;
      node.appendChild(typeof kid === 'string' || typeof kid === 'number' ? document.createTextNode(String(kid)) : kid);
    }
    return node;
  }

  function showError(text) {
    document.getElementById('error-text').textContent = text;
    document.getElementById('error').hidden = false;
  }

  function clearError() {
    document.getElementById('error').hidden = true;
  }

  function on(type, fn) {
    if (!listeners.has(type)) listeners.set(type, []);
    listeners.get(type).push(fn);
  }

  function subscribe() {
    const stream = new EventSource('/api/events');
    let lost = false;
    stream.onmessage = function (message) {
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (e) {
        return;
      }
      (listeners.get(event.type) || []).forEach(function (fn) {
        try { fn(event); } catch (e) { showError(e.message); }
      });
    };
    stream.onopen = function () {
      document.getElementById('stream-state').hidden = true;
      if (lost) {
        lost = false;
        reconnectListeners.forEach(function (fn) { fn(); });
      }
    };
    stream.onerror = function () {
      lost = true;
      document.getElementById('stream-state').hidden = false;
    };
  }

  function navigate() {
    const current = (location.hash || '#status').substring(1);
    document.querySelectorAll('#nav a').forEach(function (link) {
      link.setAttribute('aria-current', link.getAttribute('href') === '#' + current ? 'true' : 'false');
    });
  }

  function ready(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      fn();
    }
  }

  window.AnnexUi = {
    get: function (path) { return call('GET', path); },
    post: function (path, body) { return call('POST', path, body === undefined ? {} : body); },
    on: on,
    onReconnect: function (fn) { reconnectListeners.push(fn); },
    showError: showError,
    clearError: clearError,
    el: el,
    ready: ready
  };

  ready(function () {
    document.getElementById('error-dismiss').addEventListener('click', clearError);
    window.addEventListener('hashchange', navigate);
    navigate();
    subscribe();
  });
}());
