package org.annexp2p.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code annex-p2p ui --listen} asks the page to listen: {@code HOST:PORT}, an IPv6 host in brackets
 * ({@code [::1]:8080}); port 0 is any free port. Only literal loopback names count as loopback: a name is not
 * looked up, so what it resolves to later cannot turn a warning off.
 */
public record ListenAddress(String host, int port) {
    private static final Pattern FORM = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)\\]|([A-Za-z0-9.-]+)):([0-9]{1,5})");

    public static ListenAddress parse(String text) {
        Matcher m = FORM.matcher(text);
        int port = m.matches() ? Integer.parseInt(m.group(3)) : -1;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--listen takes HOST:PORT (e.g. 127.0.0.1:8080, [::1]:0), not '" + text + "'");
        }
        return new ListenAddress(m.group(1) != null ? m.group(1) : m.group(2), port);
    }

    public boolean loopback() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.matches("127(?:\\.[0-9]{1,3}){3}");
    }
}
