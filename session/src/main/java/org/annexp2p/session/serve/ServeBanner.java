package org.annexp2p.session.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.pairing.selfip.SelfIp;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.tcp.TlsIdentityFile;
import org.annexp2p.transports.tcp.TcpAddress;
import org.annexp2p.transports.tcp.TlsAddress;

/**
 * What {@code serve --listen} over TLS tells the user: the pinned addresses to give clients (the key itself is
 * {@link TlsIdentityFile}'s, the listener the TLS plugin's).
 */
public final class ServeBanner {

    private ServeBanner() {
    }

    /**
     * The serve banner for a listener at {@code address}: its {@code tcp://} address, or its pinned {@code tls://}
     * one, and where it listens on every interface, the addresses clients on the LAN can dial.
     */
    public static List<String> banner(String what, String address) {
        if (!address.startsWith(TlsAddress.SCHEME)) {
            return List.of("serving " + what + " on tcp://" + address);
        }
        TlsAddress tls = TlsAddress.parse(address);
        List<String> lines = new ArrayList<>();
        lines.add("serving " + what + " on " + tls + " (TLS; clients need this pin)");
        if (isWildcard(tls.endpoint().host())) {
            List<InetAddress> own = SelfIp.privateInterfaceAddresses();
            for (InetAddress a : own) {
                lines.add("  clients on the LAN: --address " + at(a.getHostAddress().replaceFirst("%.*", ""), tls));
            }
            if (own.isEmpty()) {
                lines.add("  clients: --address tls://HOST:" + tls.endpoint().port() + "/" + tls.pin() + ", HOST being this machine's address");
            }
        }
        return lines;
    }

    /** The line {@code token} and {@code p2p --gen-addresses} add: where {@code serve --listen} clients connect. */
    public static String clientHint(CredsDir creds) throws IOException {
        return "annex-p2p: `annex-p2p serve --listen HOST:PORT` serves TLS: its clients use --address tls://HOST:PORT/"
                + TlsIdentityFile.in(creds).pin() + " (and the token)";
    }

    private static boolean isWildcard(String host) {
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static TlsAddress at(String host, TlsAddress tls) {
        return new TlsAddress(new TcpAddress(host, tls.endpoint().port()), tls.pin());
    }
}
