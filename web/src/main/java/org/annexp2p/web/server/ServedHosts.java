package org.annexp2p.web.server;

import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names the page answers to: the address it was started on, and at the same port the loopback spellings
 * ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}). A request naming any other host in its {@code Host} header
 * reached us through a name someone else controls (DNS rebinding) and is refused.
 */
final class ServedHosts {
    private final Authority printed;
    private final Set<Authority> allowed;

    private ServedHosts(Authority printed, Set<Authority> allowed) {
        this.printed = printed;
        this.allowed = Set.copyOf(allowed);
    }

    /** {@code host} as it was asked for, {@code port} as it was bound. */
    static ServedHosts of(String host, int port) {
        Set<Authority> names = new LinkedHashSet<>();
        for (String loopback : new String[] {"127.0.0.1", "localhost", "[::1]"}) {
            names.add(new Authority(loopback, port));
        }
        String bare = bracketed(host.toLowerCase(Locale.ROOT));
        boolean wildcard = bare.equals("0.0.0.0") || bare.equals("[::]") || bare.equals("*");
        if (wildcard) {
            names.addAll(interfaces(port));
        } else {
            names.add(new Authority(bare, port));
        }
        Authority printed = wildcard ? new Authority("127.0.0.1", port) : new Authority(bare, port);
        return new ServedHosts(printed, names);
    }

    /** The authority for the printed URL. */
    Authority printed() {
        return printed;
    }

    boolean answers(Option<Authority> named) {
        return named.isDefined() && allowed.contains(named.get());
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static Set<Authority> interfaces(int port) {
        Set<Authority> names = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    names.add(new Authority(bracketed(zone < 0 ? text : text.substring(0, zone)).toLowerCase(Locale.ROOT), port));
                }
            }
        } catch (SocketException e) {
            // Only the loopback names, then: the page still answers there.
        }
        return names;
    }
}
