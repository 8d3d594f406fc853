package org.annexp2p.pairing.confirm;

import java.net.InetAddress;
import java.util.Objects;
import org.annexp2p.pairing.tls.KeyFingerprint;

/** What A learns from calling B's confirmation listener. */
public sealed interface CallOutcome {

    /**
     * B confirmed, by a TLS call to itself, that it is reachable at {@code address}; {@code calleeKey} is the TLS
     * key B presented, authenticated by B's MAC over it (so A may pin it).
     */
    record Confirmed(InetAddress address, KeyFingerprint calleeKey) implements CallOutcome {
        public Confirmed {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(calleeKey, "calleeKey");
        }
    }

    /** B answered but could not confirm the address, or the call failed; {@code reason} is one line. */
    record Unconfirmed(String reason) implements CallOutcome {
        public Unconfirmed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
