package org.annexp2p.web;

import java.util.Map;

/**
 * The page's one stream of server-sent events ({@code GET /api/events}). Each event is a JSON object whose
 * {@code type} is {@code "<section>.<what>"} (e.g. {@code "transfers.progress"}); {@code app.js} dispatches on it.
 * Publishing never blocks and never fails: an event nobody listens to is dropped, a page that reads too slowly
 * loses its stream (it reconnects and reloads its state).
 */
public interface Events {

    /** Sends {@code {"type": type, ...fields}} to every open page; {@code fields} must not contain "type". */
    void publish(String type, Map<String, ?> fields);
}
