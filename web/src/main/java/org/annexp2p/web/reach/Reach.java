package org.annexp2p.web.reach;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.DialedSession;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.transports.FailureWords;

/**
 * Whether an address answers right now: a real session through the same plugins and {@link PeerSession} that
 * {@code get} and {@code put} use (connect, authenticate, agree on a version), bounded, then closed.
 */
public final class Reach {
    /** Long enough for a Tor circuit to a published onion; a check is run on request, never in a loop. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    /**
     * What one check found: {@code words} is the failure in one line, or whose UUID answered; {@code at} when, as
     * ISO-8601 text (JSON has no time type).
     */
    public record Result(String address, boolean reachable, String words, String at, long millis) {
    }

    private final StandardPlugins.Settings plugins;
    /** Made on the first check of a p2phttp server: most pages never make one. */
    private HttpReach http;

    public Reach(StandardPlugins.Settings plugins) {
        this.plugins = plugins;
    }

    /** The checks of p2phttp servers, one HTTP client for all of this reach's. */
    public synchronized HttpReach http() {
        if (http == null) {
            http = new HttpReach();
        }
        return http;
    }

    /** The plugins' settings this checks through. */
    public StandardPlugins.Settings plugins() {
        return plugins;
    }

    /** The plugins as a command with no --tor-socks or --discovery-port sees them. */
    public static Reach standard() {
        return new Reach(new StandardPlugins.Settings(null, org.annexp2p.pairing.discovery.DiscoveryGroups.PORT));
    }

    /** Dials {@code address} for {@code repository}, showing {@code token} (NONE: the one stored for that peer). */
    public Result check(Repository repository, String address, GivenToken token, Duration bound) {
        long start = System.nanoTime();
        Dialing dialing = new Dialing(repository, token, Optional.of(HandshakeDeadline.after(start, bound)), notice -> { }, false);
        try (DialedSession session = DialedSession.open(plugins, new DialedSession.Route.Address(address), dialing,
                PeerSession.Options.DEFAULT)) {
            return new Result(address, true, "answered as " + session.peer().value(), Instant.now().toString(), elapsed(start));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Result(address, false, FailureWords.of(e), Instant.now().toString(), elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** How an address reaches its peer, in the page's words. */
    public static String kind(String address) {
        if (address.startsWith("tor-annex::")) {
            return "Tor";
        } else if (address.startsWith("tls://")) {
            return "TCP (TLS)";
        } else if (address.startsWith("tcp://")) {
            return "TCP";
        } else if (address.startsWith("lan://")) {
            return "LAN";
        } else if (address.startsWith("p2p-annex::")) {
            return "P2P network";
        } else if (address.startsWith("annex+http")) {
            return "HTTP";
        }
        return "git";
    }
}
