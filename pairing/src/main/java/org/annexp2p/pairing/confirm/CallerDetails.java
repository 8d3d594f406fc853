package org.annexp2p.pairing.confirm;

import java.net.InetAddress;
import java.util.Objects;
import org.annexp2p.pairing.discovery.DeviceId;

/**
 * What A tells B when it calls B's confirmation listener after discovering it: who A is, where A listens, and
 * the address A saw B's announcement come from.
 */
public record CallerDetails(DeviceId device, InetAddress address, int listenerPort, InetAddress observedForCallee) {

    public CallerDetails {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(observedForCallee, "observedForCallee");
        if (listenerPort < 1 || listenerPort > 65535) {
            throw new IllegalArgumentException("listener port must be within 1..65535, was " + listenerPort);
        }
    }
}
