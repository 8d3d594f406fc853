package org.annexp2p.tor.control;

/** What tor tells us asynchronously, parsed from control-port events. */
public sealed interface TorEvent {

    /** {@code STATUS_CLIENT ... BOOTSTRAP PROGRESS=n TAG=t SUMMARY="s"}; 100 means ready. */
    record Bootstrap(int progress, String tag, String summary) implements TorEvent {
    }

    /** {@code STATUS_CLIENT CIRCUIT_ESTABLISHED} / {@code CIRCUIT_NOT_ESTABLISHED}. */
    record CircuitEstablished(boolean established) implements TorEvent {
    }

    /** A {@code CIRC} event: one circuit changed state (LAUNCHED, BUILT, EXTENDED, FAILED, CLOSED). */
    record Circuit(String circuitId, String status) implements TorEvent {
    }

    /** {@code HS_DESC UPLOADED}: a descriptor of our onion reached one HSDir, so clients can find it. */
    record DescriptorUploaded(String serviceId, String hsDir) implements TorEvent {
    }

    /** {@code HS_DESC FAILED}: an upload (or fetch) of a descriptor failed. */
    record DescriptorFailed(String serviceId, String hsDir, String reason) implements TorEvent {
    }

    /** A WARN or ERR log line from tor; helps explain later failures. */
    record Log(String severity, String message) implements TorEvent {
    }

    /** The control connection closed without us closing it: tor died or restarted. */
    record ConnectionLost(String endpoint) implements TorEvent {
    }

    /** The session is working again after a {@link ConnectionLost}: reconnected or tor relaunched. */
    record Recovered(String endpoint, boolean relaunched) implements TorEvent {
    }
}
