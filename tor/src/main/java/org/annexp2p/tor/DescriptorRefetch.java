package org.annexp2p.tor;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.annexp2p.tor.control.ControlAuth;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.control.ControlEndpoint;
import org.annexp2p.tor.socks.PatientOnionDialer;

/**
 * A client's way to make its tor fetch an onion's descriptor again ({@link PatientOnionDialer.Refetch}) when all it
 * was told is tor's SOCKS port: through the control port in $ANNEX_P2P_TOR_CONTROL, else the usual places. The
 * control connection is opened only when a dial first needs it (a dial that connects at once never touches it),
 * and a tor whose control port we cannot use is given up on for the rest of the dial: the retries still run, only
 * without the refetch.
 */
public final class DescriptorRefetch implements PatientOnionDialer.Refetch, Closeable {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);

    private final List<String> candidates;
    private ControlConnection control;
    private boolean unusable;

    private DescriptorRefetch(List<String> candidates) {
        this.candidates = candidates;
    }

    /** Through $ANNEX_P2P_TOR_CONTROL when set, else tor's usual control ports and sockets. */
    public static DescriptorRefetch from(Map<String, String> environment) {
        String explicit = environment.get(TorOptions.ENV_CONTROL);
        return new DescriptorRefetch(explicit != null && !explicit.isBlank() ? List.of(explicit) : TorConnector.USUAL_CONTROL);
    }

    @Override
    public synchronized void refetch(String serviceId) {
        if (unusable) {
            return;
        }
        try {
            if (control == null || !control.isAlive()) {
                control = open();
            }
            control.hsFetch(serviceId);
        } catch (TorException | IllegalArgumentException e) {
            unusable = true;
        }
    }

    private ControlConnection open() throws TorException {
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates) {
            ControlEndpoint endpoint = ControlEndpoint.parse(candidate);
            if (endpoint instanceof ControlEndpoint.Unix u && !u.path().toFile().exists()) {
                continue;
            }
            try {
                return ControlConnection.open(endpoint, ControlAuth.automatic(), OPEN_TIMEOUT, OPEN_TIMEOUT);
            } catch (TorException e) {
                tried.add(candidate);
            }
        }
        throw new TorException(TorException.Reason.NOT_RUNNING, "no usable tor control port at " + tried);
    }

    @Override
    public synchronized void close() {
        if (control != null) {
            control.close();
        }
    }
}
