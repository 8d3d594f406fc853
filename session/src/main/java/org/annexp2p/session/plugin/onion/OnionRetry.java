package org.annexp2p.session.plugin.onion;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.annexp2p.session.plugin.DialNotice;
import org.annexp2p.tor.DescriptorRefetch;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.PatientOnionDialer;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;

/**
 * Dialing an onion, retrying while a service that just (re)started becomes reachable: its new descriptor has to
 * reach our tor first. The patience itself (fresh circuits per attempt, a second attempt beside a silent one) is the
 * tor module's {@link PatientOnionDialer}, which also asks our tor to fetch the descriptor again where its control
 * port answers ({@link DescriptorRefetch}); this says what the plugin tells the user while it waits.
 */
public final class OnionRetry {
    /** Onion circuits take seconds to build; the first connection to a fresh service can take a minute. */
    public static final Duration CONNECT_TIMEOUT = PatientOnionDialer.DEFAULT_BOUND;

    private OnionRetry() {}

    /**
     * Dials {@code onion} through {@code dialer} for up to {@code bound}. The first failure is told (every one when
     * {@code verbose}), so a wait is never silent; a tor that is not there fails at once, as retrying cannot help.
     */
    public static Connection dial(Dialer dialer, TorAnnexAddress onion, Duration bound, boolean verbose,
            Consumer<DialNotice> notices) throws IOException {
        try (DescriptorRefetch refetch = DescriptorRefetch.from(System.getenv())) {
            return new PatientOnionDialer(dialer, (e, failures, left) -> {
                if (failures == 1 || verbose) {
                    notices.accept(new DialNotice.RetryingOnion(e, Math.max(1, left.toSeconds())));
                }
            }, refetch).dial(onion.dialString(), bound);
        }
    }
}
