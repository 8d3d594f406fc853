package org.annexp2p.pairing.lan;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.discovery.Announcement;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.discovery.Discovery;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.secret.SharedSecret;

/**
 * The secret-first order: both devices announce themselves (authenticated with the secret) until one hears the
 * other, then decide who sends the pairing request without exchanging another message.
 */
public final class Rendezvous {

    public static final Duration ANNOUNCE_INTERVAL = Duration.ofMillis(500);

    private Rendezvous() {
    }

    /** Whether another device was met, and the conversation with it; else why not and what to try. */
    public sealed interface Met {
        record Found(Conversation conversation) implements Met {
        }

        record Missed(String reason, String advice) implements Met {
        }
    }

    /** Announces our conversation port on {@code channels} and waits (at most {@code bound}) for another device. */
    public static Met meet(SharedSecret secret, List<DiscoveryChannel> channels, int conversationPort, Duration bound, Consumer<String> log) {
        Discovery discovery = new Discovery(DeviceId.random(), secret, Clock.systemUTC(), channels, conversationPort,
                ThreadLocalRandom.current().nextLong(), Set.of());
        LanPairing.Found found = LanPairing.find(discovery, h -> h.announcement() instanceof Announcement.Presence, ANNOUNCE_INTERVAL, bound);
        if (found instanceof LanPairing.Found.Fallback f) {
            discovery.close();
            return new Met.Missed(f.reason(), f.advice());
        }
        var heard = ((LanPairing.Found.Peer) found).heard();
        var presence = (Announcement.Presence) heard.announcement();
        log.accept("found " + presence.device() + " at " + heard.from().getAddress().getHostAddress() + " via " + heard.channel());
        Thread announcer = keepAnnouncing(discovery);
        AutoCloseable stop = () -> {
            announcer.interrupt();
            announcer.join(2000);
            discovery.close();
        };
        // The smaller device id asks, the other answers: both sides decide alike.
        boolean asks = discovery.self().value().compareTo(presence.device().value()) < 0;
        List<InetSocketAddress> targets = List.of(new InetSocketAddress(heard.from().getAddress(), presence.listenerPort()));
        return new Met.Found(asks ? new Conversation(PairingSetup.Role.REQUESTER, secret, targets, Optional.empty(), stop)
                : Conversation.responding(secret, stop));
    }

    /** The other side may not have heard us yet when we heard it: keep announcing until the conversation is over. */
    static Thread keepAnnouncing(Discovery discovery) {
        Thread announcer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                discovery.announcePresence();
                try {
                    Thread.sleep(ANNOUNCE_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pair --lan announcer");
        announcer.setDaemon(true);
        announcer.start();
        return announcer;
    }
}
