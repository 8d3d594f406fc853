package org.annexp2p.cli;

import java.util.Optional;
import org.annexp2p.tor.control.TorEvent;

/** One line of --debug output for a tor event; circuits that merely open and close are left out as noise. */
final class TorEventLine {
    private TorEventLine() {
    }

    static Optional<String> of(TorEvent event) {
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
        } else if (event instanceof TorEvent.Recovered r) {
            return Optional.of((r.relaunched() ? "tor relaunched at " : "reconnected to ") + r.endpoint());
        }
        throw new IllegalArgumentException("unknown tor event " + event);
    }
}
