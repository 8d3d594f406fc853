package org.annexp2p.web;

/**
 * Answers one request to {@code /api/<section>/<name>}. Runs on one of a bounded number of worker threads, never
 * on the network's event loop, so it may block for a bounded time; an endpoint that would wait longer starts the
 * work on {@link UiContext#background()} and reports progress through {@link UiContext#events()}.
 * A {@link Refused} becomes its status and message; any other exception a 500 whose message says nothing of its
 * class.
 */
@FunctionalInterface
public interface Endpoint {
    Reply answer(Call call) throws Exception;
}
