package org.annexp2p.session.plugin.onion;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.SocksException;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;

/**
 * Dialing an onion, retrying while a service that just (re)started becomes reachable: its new descriptor has to
 * reach our tor first. Tor holds a SOCKS request while it tries the introduction points of the descriptor it has;
 * a restarted service may have left a stale one behind, and a new request is what makes tor fetch again, so
 * several shorter attempts reach a restarted onion sooner than one long one.
 */
public final class OnionRetry {
    /** Onion circuits take seconds to build; the first connection to a fresh service can take a minute. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);

    /** One attempt's bound. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private OnionRetry() {}

    /**
     * Dials {@code onion} through {@code dialer} for up to {@code bound}. The first failure is told (every one when
     * {@code verbose}), so a wait is never silent; a tor that is not there fails at once, as retrying cannot help.
     */
    public static Connection dial(Dialer dialer, TorAnnexAddress onion, Duration bound, boolean verbose,
            Consumer<DialNotice> notices) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (int attempt = 1; ; attempt++) {
            long left = deadline - System.nanoTime();
            try {
                return dialer.dial(onion.dialString(), Duration.ofNanos(Math.max(Math.min(left, ATTEMPT_TIMEOUT.toNanos()),
                        1_000_000_000L)));
            } catch (IOException e) {
                boolean torUnusable = e instanceof SocksException s && s.torUnusable();
                if (torUnusable || System.nanoTime() + 2_000_000_000L > deadline) {
                    throw e;
                }
                if (attempt == 1 || verbose) {
                    notices.accept(new DialNotice.RetryingOnion(e,
                            Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L)));
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
