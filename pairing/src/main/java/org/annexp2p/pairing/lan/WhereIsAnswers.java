package org.annexp2p.pairing.lan;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.transports.FailureWords;
import org.annexp2p.repository.creds.CredsDir;

/**
 * {@code serve --lan-listen}'s answers to paired peers asking "where is this repository now?": the listener's
 * current port, so a peer whose saved address went stale (new DHCP lease, new port) finds us again.
 *
 * <p>One {@link Discovery} per paired peer, keyed by {@link WhereIsSecret} from that peer's token: a query is
 * answered only if its MAC proves the asker holds a pairing with us, and the answer is readable only by it.
 * Each has its own sockets on the shared discovery port, so every one sees every query.
 */
public final class WhereIsAnswers implements Closeable {

    private final List<Discovery> discoveries;

    private WhereIsAnswers(List<Discovery> discoveries) {
        this.discoveries = discoveries;
    }

    /** Answers nothing. */
    static WhereIsAnswers none() {
        return new WhereIsAnswers(List.of());
    }

    /**
     * Starts answering for {@code repository}, served at {@code listener}, on UDP {@code discoveryPort}; loopback
     * only when the listener is on loopback. Channels that cannot be opened are told to {@code problems}: serving
     * goes on without answers then, as peers that know our address need none.
     */
    public static WhereIsAnswers start(CredsDir creds, UUID repository, InetSocketAddress listener, int discoveryPort,
            Consumer<String> problems) throws IOException {
        DiscoveryScope scope = DiscoveryScope.of(List.of(listener));
        List<LanPeer> peers = LanPeers.read(creds);
        List<Discovery> discoveries = new ArrayList<>();
        try {
            for (LanPeer peer : peers) {
                List<DiscoveryChannel> channels = scope.open(discoveryPort, problems);
                if (channels.isEmpty()) {
                    break;
                }
                discoveries.add(new Discovery(DeviceId.random(), WhereIsSecret.of(peer.token()), Clock.systemUTC(), channels,
                        listener.getPort(), ThreadLocalRandom.current().nextLong(), Set.of(repository)));
            }
        } catch (IOException e) {
            discoveries.forEach(Discovery::close);
            problems.accept("cannot listen for where-is on " + scope + " (UDP port " + discoveryPort + "): " + FailureWords.of(e));
            return none();
        } catch (RuntimeException e) {
            discoveries.forEach(Discovery::close);
            throw e;
        }
        return new WhereIsAnswers(discoveries);
    }

    /** How many paired peers can ask; 0 when no channel could be opened. */
    public int peers() {
        return discoveries.size();
    }

    @Override
    public void close() {
        discoveries.forEach(Discovery::close);
    }
}
