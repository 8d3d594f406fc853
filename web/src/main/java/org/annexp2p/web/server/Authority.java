package org.annexp2p.web.server;

import io.vavr.control.Option;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host and port as a {@code Host} header or an {@code Origin} names them, lower case, with brackets kept around
 * an IPv6 address. Parsing is strict: anything but a plain name, an IPv4 or a bracketed IPv6 address and an
 * optional port is not an authority, so no odd spelling can slip past the comparison with the served address.
 */
record Authority(String host, int port) {
    private static final Pattern FORM = Pattern.compile("(\\[[0-9a-f:.]+\\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::([0-9]{1,5}))?");
    private static final int HTTP_PORT = 80;

    static Option<Authority> parse(String text) {
        if (text == null) {
            return Option.none();
        }
        Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Option.none();
        }
        int port = m.group(2) == null ? HTTP_PORT : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            return Option.none();
        }
        return Option.some(new Authority(m.group(1), port));
    }

    /** An {@code Origin} header: {@code http://} and an authority, nothing after it. */
    static Option<Authority> ofOrigin(String origin) {
        if (origin == null || !origin.startsWith("http://")) {
            return Option.none();
        }
        return parse(origin.substring("http://".length()));
    }

    /** For a URL: the host as written and the port, which a URL always gets here. */
    String text() {
        return host + ":" + port;
    }
}
