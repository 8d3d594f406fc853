package org.annexp2p.session.plugin.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.annexp2p.http.client.AnnexUrl;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.transports.tcp.TcpAddress;
import org.annexp2p.transports.tcp.TlsAddress;

/**
 * How {@code serve --listen} serves: TLS wherever the bytes could cross a network, plaintext on loopback (where
 * only this machine can listen in) or where {@code tcp://} asks for it, and then with a warning off loopback.
 *
 * @param bind {@code HOST:PORT} as the transport takes it
 * @param tls whether clients must dial the {@code tls://} address with the server's pin
 * @param plaintextOffLoopback whether plaintext was asked for where the network can read it: the user is warned
 */
public record ListenPlan(String bind, boolean tls, boolean plaintextOffLoopback) {

    /** Resolves the host of {@code listen} (a name may stand for a loopback address or not) and chooses. */
    public static ListenPlan choose(String listen) throws IOException {
        if (AnnexUrl.names(listen)) {
            throw new MalformedAddressException("an annex+http address is served by `annex-p2p p2phttp`, not by --listen");
        }
        String hostPort = withoutScheme(listen);
        TcpAddress address;
        try {
            address = TcpAddress.parse(hostPort);
        } catch (IllegalArgumentException e) {
            // A malformed --listen is bad usage (exit 2), not a failure to listen.
            throw new MalformedAddressException(e.getMessage());
        }
        try {
            return choose(listen, InetAddress.getByName(address.host()));
        } catch (UnknownHostException e) {
            throw new IOException("cannot listen on " + hostPort + ": unknown host " + address.host(), e);
        }
    }

    /** The choice for {@code listen}, whose host is {@code host}: a pure function of the two. */
    public static ListenPlan choose(String listen, InetAddress host) {
        String bind = withoutScheme(listen);
        if (listen.startsWith(TlsAddress.SCHEME)) {
            return new ListenPlan(bind, true, false);
        }
        if (host.isLoopbackAddress()) {
            return new ListenPlan(bind, false, false);
        }
        if (listen.startsWith(TcpPlugin.SCHEME)) {
            return new ListenPlan(bind, false, true);
        }
        return new ListenPlan(bind, true, false);
    }

    private static String withoutScheme(String listen) {
        if (listen.startsWith(TlsAddress.SCHEME)) {
            return listen.substring(TlsAddress.SCHEME.length());
        }
        return listen.startsWith(TcpPlugin.SCHEME) ? listen.substring(TcpPlugin.SCHEME.length()) : listen;
    }
}
