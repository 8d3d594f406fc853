package org.annexp2p.web.server;

import io.vavr.control.Option;

/**
 * Reads one cookie out of a {@code Cookie} header ({@code a=1; b=2}). The last pair of that name wins; a pair
 * without {@code =} is skipped. Values are taken as they are: ours are base64url, which needs no quoting.
 */
final class CookieHeader {
    private CookieHeader() {
    }

    static Option<String> value(String header, String name) {
        if (header == null) {
            return Option.none();
        }
        Option<String> found = Option.none();
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                found = Option.some(pair.substring(eq + 1).trim());
            }
        }
        return found;
    }
}
