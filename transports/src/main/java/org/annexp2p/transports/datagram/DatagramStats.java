package org.annexp2p.transports.datagram;

/**
 * Counters of a {@link MemoryDatagramNetwork}, so tests can check that configured faults really happened.
 *
 * @param sent datagrams handed to {@link DatagramEndpoint#send} and accepted
 * @param deliveries per-receiver deliveries attempted (a multicast to three members counts three)
 * @param dropped deliveries lost to {@link DatagramFaults#dropRate()}
 * @param duplicated deliveries that arrived twice
 * @param reordered deliveries held back behind a later datagram
 * @param blocked deliveries lost to blocked multicast/broadcast or AP isolation
 * @param overflowed deliveries lost because the receiver's queue was full
 */
public record DatagramStats(long sent, long deliveries, long dropped, long duplicated, long reordered, long blocked, long overflowed) {
}
