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

    /**
     * The session lost its tor and is getting it back ({@code relaunch}: starting a new one, else reconnecting);
     * {@code why} in words, tor's own exit reason where known.
     */
    record Restarting(String why, boolean relaunch) implements TorEvent {
    }

    /**
     * The session is working again after a {@link ConnectionLost}: reconnected or tor relaunched, and its onions
     * re-published, {@code took} after the loss was noticed.
     */
    record Recovered(String endpoint, boolean relaunched, java.time.Duration took) implements TorEvent {
    }

    /** The session could not get its tor back within its start-up timeout and is unusable now. */
    record GaveUp(String why) implements TorEvent {
    }
}
