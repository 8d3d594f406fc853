package org.annexp2p.tor;

import java.util.Optional;
import org.annexp2p.tor.control.TorEvent;

/** One line of output for a tor event; circuits that merely open and close are left out as noise. */
public final class TorEventLine {
    private TorEventLine() {
    }

    public static Optional<String> of(TorEvent event) {
        if (event instanceof TorEvent.Bootstrap b) {
            return Optional.of("bootstrapped " + b.progress() + " % (" + b.summary() + ")");
        } else if (event instanceof TorEvent.CircuitEstablished c) {
            return Optional.of(c.established() ? "circuits can be built" : "circuits cannot be built");
        } else if (event instanceof TorEvent.Circuit c) {
            return c.status().equals("FAILED") ? Optional.of("circuit " + c.circuitId() + " failed") : Optional.empty();
        } else if (event instanceof TorEvent.DescriptorUploaded u) {
            return Optional.of("descriptor of " + u.serviceId() + " uploaded to " + u.hsDir());
        } else if (event instanceof TorEvent.DescriptorFailed f) {
            return Optional.of("descriptor of " + f.serviceId() + " failed at " + f.hsDir() + ": " + f.reason());
        } else if (event instanceof TorEvent.Log l) {
            return Optional.of(l.severity() + " " + l.message());
        } else if (event instanceof TorEvent.ConnectionLost l) {
            return Optional.of("control connection to " + l.endpoint() + " lost");
        } else if (event instanceof TorEvent.Restarting r) {
            return Optional.of(r.why() + "; " + (r.relaunch() ? "restarting it" : "reconnecting"));
        } else if (event instanceof TorEvent.Recovered r) {
            return Optional.of((r.relaunched() ? "tor relaunched at " : "reconnected to ") + r.endpoint() + ", onion re-published "
                    + seconds(r.took()) + " after tor went away");
        } else if (event instanceof TorEvent.GaveUp g) {
            return Optional.of(g.why());
        }
        throw new IllegalArgumentException("unknown tor event " + event);
    }

    /** {@code 7.8 s}. */
    public static String seconds(java.time.Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
