package org.annexp2p.tor.testing;

import java.io.IOException;
import java.util.Map;
import org.annexp2p.tor.DescriptorRefetch;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.TorSession;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.tor.socks.PatientOnionDialer;
import org.annexp2p.transports.Connection;

/**
 * A test's first dial to an onion, made as annex-p2p's clients make theirs ({@link PatientOnionDialer}, asking the
 * dialing tor to fetch the descriptor again on each retry, within {@link PatientOnionDialer#DEFAULT_BOUND}). A tor
 * that has not reached an onion yet must find its descriptor first, and on a loaded machine that can take longer
 * than one plain dial waits, or fail once ("descriptor not found") while the service's upload is still on its way.
 * Once a tor has reached the onion it holds the descriptor, so later dials of a test can be plain.
 */
public final class PatientDial {

    private PatientDial() {
    }

    /** From the private network's client (its SOCKS port, its control port for the refetch). */
    public static Connection fromNetworkClient(PrivateTorNetwork net, String address) throws IOException {
        try (DescriptorRefetch refetch = DescriptorRefetch.from(Map.of(TorOptions.ENV_CONTROL, net.clientControl()))) {
            return dial(new OnionDialer(net.clientSocks()), refetch, address);
        }
    }

    /** From the private network's client through its git-annex SOCKS port (127.0.0.1:9050). */
    public static Connection fromGitAnnexSocks(PrivateTorNetwork net, String address) throws IOException {
        OnionDialer socks = new OnionDialer(net.gitAnnexSocks().orElseThrow(() -> new AssertionError(
                "127.0.0.1:9050 was taken when the private network started; stop the tor using it")));
        try (DescriptorRefetch refetch = DescriptorRefetch.from(Map.of(TorOptions.ENV_CONTROL, net.clientControl()))) {
            return dial(socks, refetch, address);
        }
    }

    /** From a tor session of ours (its current SOCKS port and control connection, even after a relaunch). */
    public static Connection from(TorSession session, String address) throws IOException {
        return dial(session.socksDialer(), serviceId -> {
            try {
                session.control().hsFetch(serviceId);
            } catch (TorException | IllegalArgumentException e) {
                // a refetch only speeds the dial up; the retries go on without it
            }
        }, address);
    }

    private static Connection dial(OnionDialer socks, PatientOnionDialer.Refetch refetch, String address) throws IOException {
        PatientOnionDialer dialer = new PatientOnionDialer(socks,
                (e, failures, left) -> System.out.println("  dial " + address + ": " + e.getMessage() + "; trying again"),
                refetch);
        return dialer.dial(address, PatientOnionDialer.DEFAULT_BOUND);
    }
}
