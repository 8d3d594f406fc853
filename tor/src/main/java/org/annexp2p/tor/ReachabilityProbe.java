package org.annexp2p.tor;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.transports.Connection;

/**
 * Measures what git-annex's enable-tor only polls for: bootstrap 100 %, descriptor uploaded, and a SOCKS
 * connection to our own onion that tor reports as succeeded (plus an optional {@link SelfCheck} on it). All
 * within one deadline.
 */
final class ReachabilityProbe {

    private static final Duration RETRY = Duration.ofMillis(500);
    private static final Duration MAX_DIAL = Duration.ofSeconds(30);

    private final TorSession session;
    private final OnionService service;
    private final Duration timeout;
    private final SelfCheck check;

    ReachabilityProbe(TorSession session, OnionService service, Duration timeout, SelfCheck check) {
        this.session = session;
        this.service = service;
        this.timeout = timeout;
        this.check = check;
    }

    Reachability run() throws TorException {
        Instant deadline = Instant.now().plus(timeout);
        Instant origin = service.publishedAt();
        Instant bootstrapped = session.awaitBootstrapped(deadline);
        Instant uploaded;
        try {
            uploaded = service.awaitUpload(deadline).orElseThrow(() -> new TorException(Reason.NO_DESCRIPTOR,
                    "tor has not uploaded the descriptor of " + service.address() + " within " + timeout.toSeconds()
                            + " s" + service.lastUploadFailure().map(r -> " (last upload failed: " + r + ")").orElse("")
                            + "; check tor's log and its connection to the network"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TorException(Reason.TIMEOUT, "interrupted while waiting for the descriptor upload");
        }
        OnionDialer dialer = session.socksDialer();
        String target = service.address().hostname() + ":" + service.virtualPort();
        int attempts = 0;
        IOException last = null;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                // a cancelled publication: the pause below keeps the interrupt, which would otherwise go unheard
                throw new TorException(Reason.TIMEOUT, "interrupted while connecting to our own onion");
            }
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new TorException(Reason.UNREACHABLE, "could not connect to our own onion " + service.address()
                        + " within " + timeout.toSeconds() + " s after " + attempts + " attempts"
                        + (last == null ? "" : " (" + last.getMessage() + ")")
                        + "; make sure something listens on " + service.target().portLineTarget());
            }
            attempts++;
            try (Connection c = dialer.dial(target, left.compareTo(MAX_DIAL) < 0 ? left : MAX_DIAL)) {
                check.check(c);
                Instant reachable = Instant.now();
                return new Reachability(since(origin, bootstrapped), since(origin, uploaded), since(origin, reachable), attempts);
            } catch (IOException e) {
                last = e;
                pause();
            }
        }
    }

    private static Duration since(Instant origin, Instant t) {
        Duration d = Duration.between(origin, t);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static void pause() {
        try {
            // spacing between self-connect attempts, as git-annex does (it waits 2 s)
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
