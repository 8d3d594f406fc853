package org.annexp2p.transports.datagram;

/**
 * What a {@link MemoryDatagramNetwork} does wrong, as LAN networks do: each delivery to each receiver is
 * independently dropped, duplicated or reordered with the given probabilities (drawn from the network's
 * seeded random source); multicast or broadcast can be silently blocked while unicast works; AP isolation
 * stops every datagram between two different endpoints; and a size limit refuses large payloads at send.
 *
 * @param dropRate probability in [0, 1] that a delivery is lost
 * @param duplicateRate probability in [0, 1] that a delivered datagram arrives twice
 * @param reorderRate probability in [0, 1] that a delivery is held back and arrives after the next
 *     datagram to the same receiver (or when the receiver would otherwise wait)
 * @param multicastBlocked multicast group traffic is silently lost (unicast unaffected)
 * @param broadcastBlocked IPv4 broadcast is silently lost (unicast unaffected)
 * @param apIsolation no datagram passes between two different endpoints; an endpoint still hears its own
 *     multicast and broadcast, as a real host's loopback does
 * @param maxPayloadSize the largest payload {@link DatagramEndpoint#send} accepts
 */
public record DatagramFaults(
        double dropRate,
        double duplicateRate,
        double reorderRate,
        boolean multicastBlocked,
        boolean broadcastBlocked,
        boolean apIsolation,
        int maxPayloadSize) {

    /** UDP's IPv4 payload limit; an in-memory network allows this much unless told otherwise. */
    public static final int UDP_MAX_PAYLOAD = 65_507;

    public DatagramFaults {
        requireRate("dropRate", dropRate);
        requireRate("duplicateRate", duplicateRate);
        requireRate("reorderRate", reorderRate);
        if (maxPayloadSize < 0) {
            throw new IllegalArgumentException("maxPayloadSize must be >= 0, was " + maxPayloadSize);
        }
    }

    /** A perfect network. */
    public static DatagramFaults none() {
        return new DatagramFaults(0, 0, 0, false, false, false, UDP_MAX_PAYLOAD);
    }

    public DatagramFaults withDropRate(double rate) {
        return new DatagramFaults(rate, duplicateRate, reorderRate, multicastBlocked, broadcastBlocked, apIsolation, maxPayloadSize);
    }

    public DatagramFaults withDuplicateRate(double rate) {
        return new DatagramFaults(dropRate, rate, reorderRate, multicastBlocked, broadcastBlocked, apIsolation, maxPayloadSize);
    }

    public DatagramFaults withReorderRate(double rate) {
        return new DatagramFaults(dropRate, duplicateRate, rate, multicastBlocked, broadcastBlocked, apIsolation, maxPayloadSize);
    }

    public DatagramFaults withMulticastBlocked(boolean blocked) {
        return new DatagramFaults(dropRate, duplicateRate, reorderRate, blocked, broadcastBlocked, apIsolation, maxPayloadSize);
    }

    public DatagramFaults withBroadcastBlocked(boolean blocked) {
        return new DatagramFaults(dropRate, duplicateRate, reorderRate, multicastBlocked, blocked, apIsolation, maxPayloadSize);
    }

    public DatagramFaults withApIsolation(boolean isolated) {
        return new DatagramFaults(dropRate, duplicateRate, reorderRate, multicastBlocked, broadcastBlocked, isolated, maxPayloadSize);
    }

    public DatagramFaults withMaxPayloadSize(int bytes) {
        return new DatagramFaults(dropRate, duplicateRate, reorderRate, multicastBlocked, broadcastBlocked, apIsolation, bytes);
    }

    private static void requireRate(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], was " + rate);
        }
    }
}
