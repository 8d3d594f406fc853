package org.annexp2p.pairing.lan;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * A repository paired on the LAN: the TLS key its connections must present, where it was last seen, and the
 * token both sides use for AUTH.
 */
public record LanPeer(String uuid, KeyFingerprint key, AuthToken token, List<InetSocketAddress> addresses) {

    public LanPeer {
        Objects.requireNonNull(uuid, "uuid");
        if (uuid.isEmpty() || uuid.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("a peer UUID has no spaces and is not empty");
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        addresses = List.copyOf(addresses);
    }

    /** Whether {@code host:port} is one of its addresses, or at least its host is. */
    public boolean reachableAt(InetSocketAddress address, boolean hostOnly) {
        for (InetSocketAddress a : addresses) {
            if (a.getAddress() != null && a.getAddress().equals(address.getAddress()) && (hostOnly || a.getPort() == address.getPort())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "LanPeer[" + uuid + ", key " + key.hex() + ", token hidden, " + addresses + "]";
    }
}
