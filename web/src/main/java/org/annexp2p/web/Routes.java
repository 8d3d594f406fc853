package org.annexp2p.web;

/**
 * Where a {@link Section} adds its endpoints, named relative to its folder: {@code get("summary", ...)} in the
 * section {@code status} answers {@code GET /api/status/summary}. A name is lower case letters, digits and
 * dashes; adding one twice is a programming error.
 */
public interface Routes {

    /** A read: must not change anything. */
    void get(String name, Endpoint endpoint);

    /** An action: reached only with a same-origin {@code Origin} and the page's CSRF header. */
    void post(String name, Endpoint endpoint);
}
