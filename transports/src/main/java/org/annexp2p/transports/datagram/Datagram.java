package org.annexp2p.transports.datagram;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * One received datagram: who sent it and its bytes.
 *
 * <p>The payload is copied in and out so that a caller can never alter what another receiver (e.g. a
 * duplicate delivery in the in-memory network) sees.
 */
public record Datagram(InetSocketAddress from, byte[] payload) {

    public Datagram {
        Objects.requireNonNull(from, "from");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Datagram d && from.equals(d.from) && Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return 31 * from.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Datagram[from=" + from + ", " + payload.length + " bytes]";
    }
}
