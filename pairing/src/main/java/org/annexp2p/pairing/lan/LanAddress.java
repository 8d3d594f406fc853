package org.annexp2p.pairing.lan;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** {@code IP:PORT} / {@code [IPv6]:PORT} with literal IPs only, so parsing never asks a resolver. */
public final class LanAddress {

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private LanAddress() {
    }

    public static String format(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip.getHostAddress().replaceFirst("%.*$", "");
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** @throws IllegalArgumentException naming the text when it is not a literal IP with a port */
    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not HOST:PORT: " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + text);
        }
        // Strict shapes: anything else would make InetAddress ask a resolver.
        if (port < 0 || port > 65535 || !(IPV4.matcher(host).matches() || IPV6.matcher(host).matches())) {
            throw new IllegalArgumentException("not a literal IP and port: " + text);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a literal IP: " + host);
        }
    }
}
