package org.annexp2p.session.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.selfip.SelfIp;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.lan.LanPlugin;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.transports.ChannelStreams;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;

/**
 * {@code git-annex-p2p-lan}, our network helper: git-annex's P2P protocol carried over the LAN transport, TLS pinned
 * to the key of a peer paired with {@code pair --lan} (and found again by where-is if it moved). An address is the
 * {@code IP:PORT} a {@code lan://} address names. The helper only carries bytes; the protocol's AUTH inside them
 * is git-annex's, with the token from {@code p2p --gen-addresses}.
 */
public final class LanRelay {
    public static final String NET_NAME = "lan";

    /**
     * What the helper is told through the environment, since git-annex passes it nothing but its arguments.
     *
     * @param loopback {@code ANNEX_P2P_LAN_LOOPBACK=1}: our address is 127.0.0.1 (two repositories on one machine, tests)
     * @param port {@code ANNEX_P2P_LAN_PORT}: the TCP port served (default {@link #DEFAULT_PORT})
     * @param discoveryPort {@code ANNEX_P2P_DISCOVERY_PORT}: where-is's UDP port (default {@link DiscoveryGroups#PORT})
     */
    public record Settings(boolean loopback, int port, int discoveryPort) {
        public static final int DEFAULT_PORT = DiscoveryGroups.PORT + 1;

        public static Settings of(Map<String, String> environment) {
            return new Settings("1".equals(environment.get("ANNEX_P2P_LAN_LOOPBACK")),
                    number(environment, "ANNEX_P2P_LAN_PORT", DEFAULT_PORT),
                    number(environment, "ANNEX_P2P_DISCOVERY_PORT", DiscoveryGroups.PORT));
        }

        private static int number(Map<String, String> environment, String name, int otherwise) {
            String v = environment.get(name);
            try {
                int n = v == null ? otherwise : Integer.parseInt(v);
                if (n < 1 || n > 65535) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number, not " + v);
            }
        }
    }

    private LanRelay() {}

    /** Our addresses ({@code IP:PORT}), one per private LAN address, or loopback's alone. */
    public static List<String> addresses(Settings settings) {
        List<InetAddress> own = settings.loopback() ? List.of(InetAddress.getLoopbackAddress())
                : SelfIp.privateInterfaceAddresses();
        List<String> addresses = new ArrayList<>();
        own.forEach(a -> addresses.add(LanAddress.format(new java.net.InetSocketAddress(a, settings.port()))));
        return addresses;
    }

    /** Connects to the paired peer at {@code hostPort} and relays {@code in} to it and it to {@code out}. */
    public static void connect(AnnexRepository repository, String hostPort, Settings settings, InputStream in,
            OutputStream out, Consumer<String> notices) throws IOException {
        LanPlugin plugin = new LanPlugin(settings.discoveryPort());
        Dialing dialing = new Dialing(repository, GivenToken.NONE, Optional.empty(),
                n -> {
                    if (n instanceof DialNotice.Progress p) {
                        notices.accept(p.line());
                    }
                }, false);
        try (Connection peer = plugin.dial(plugin.parse("lan://" + hostPort), dialing).connection()) {
            StreamRelay.run(StreamRelay.End.of(peer), new StreamRelay.End(in, out, out::close), "lan");
        }
    }

    /**
     * How many peers are relayed at once, and as many may be in their TLS handshake (each within the pre-auth
     * deadline): connections that never finish a handshake are closed, and cannot crowd out paired peers.
     */
    static final ServerOptions LIMITS = ServerOptions.of(64, "");

    /**
     * Accepts paired peers at {@code hostPort} (answering their where-is queries) and relays each to the unix socket
     * {@code socket}, until closed. Keys never paired are refused by TLS, before any byte reaches the socket.
     */
    public static ConnectionServer listen(AnnexRepository repository, String hostPort, Path socket, Settings settings,
            Consumer<String> notices) throws IOException {
        return listen(repository, hostPort, socket, settings, notices, LIMITS);
    }

    static ConnectionServer listen(AnnexRepository repository, String hostPort, Path socket, Settings settings,
            Consumer<String> notices, ServerOptions limits) throws IOException {
        LanPlugin plugin = new LanPlugin(settings.discoveryPort());
        LanPlugin.LanListener listener = plugin.listen(LanPlugin.listenAddress(hostPort), new Listening(repository, notices));
        try {
            return ConnectionServer.start(listener, (peer, admission) -> {
                // The TLS handshake, the paired key's pin included, runs here under the server's pre-auth deadline;
                // the protocol's AUTH inside is the served socket's to check.
                peer.output().flush();
                if (admission.authenticated()) {
                    relayToSocket(peer, socket, notices);
                }
            }, limits);
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    private static void relayToSocket(Connection peer, Path socket, Consumer<String> notices) {
        try (peer; SocketChannel local = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            SocketPath.reaching(socket, s -> local.connect(UnixDomainSocketAddress.of(s)));
            StreamRelay.run(StreamRelay.End.of(peer), new StreamRelay.End(ChannelStreams.input(local),
                    ChannelStreams.output(local), local::shutdownOutput), "lan peer");
        } catch (IOException e) {
            notices.accept("cannot reach the server's socket " + socket + ": " + e.getMessage());
        }
    }
}
