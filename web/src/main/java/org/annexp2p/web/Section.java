package org.annexp2p.web;

/**
 * One part of the page, and the extension point: every section (status, tor, pair, peers, transfers, doctor)
 * implements this, and {@link Sections#all} lists them, in one place.
 *
 * <h2>Adding a section</h2>
 * <ol>
 *   <li>Write a class implementing {@code Section} (in its own package, e.g. {@code org.annexp2p.web.tor}); take
 *       what it needs from the {@link UiContext} in its constructor. Its {@link #id} names its part of the page
 *       and its endpoints: {@code /api/<id>/<name>}.</li>
 *   <li>In {@link #register}, add its endpoints: {@link Routes#get} for reads, {@link Routes#post} for actions
 *       (the server has already checked the token, the Host, and for POST the Origin and the CSRF header).
 *       An endpoint answers a {@link Reply}: JSON made from records, maps and lists. Long work (a check that
 *       dials, a Tor bootstrap) runs on {@link UiContext#background()} and reports through
 *       {@link UiContext#events()}: every page has one server-sent-events stream, {@code /api/events}, carrying
 *       JSON objects {@code {"type": "<id>.<what>", ...}} that {@code app.js} hands to whoever listens for that
 *       type.</li>
 *   <li>Add it to {@link Sections#all}.</li>
 *   <li>Page: a {@code <section id="<id>">} in {@code static/index.html} and a {@code static/<id>.js} loaded by
 *       it; every control has a stable {@code id} and a {@code <label>}, listed in a comment at the top of the
 *       JS file. The JS uses {@code app.js}'s {@code AnnexUi.get/post/on/showError}; no inline script or style
 *       (the Content-Security-Policy forbids them), nothing from outside the jar.</li>
 * </ol>
 */
public interface Section {

    /** Lower case, the {@code <section>}'s id and the endpoints' folder: {@code /api/<id>/...}. */
    String id();

    /** Adds this section's endpoints; called once, before the server accepts a connection. */
    void register(Routes routes);
}
