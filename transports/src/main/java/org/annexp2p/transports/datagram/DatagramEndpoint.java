package org.annexp2p.transports.datagram;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * An unreliable datagram socket, as LAN discovery and pairing need it.
 *
 * <p>Two implementations exist: {@link UdpEndpoint} (real UDP over NIO, loopback-safe, TTL / hop limit 1)
 * and the endpoints of a {@link MemoryDatagramNetwork} (in-VM, with seeded drop, duplicate, reorder,
 * "multicast blocked", AP isolation and a size limit). Code written against this interface runs unchanged
 * on both, so pairing state machines can be tested under faults and then used on a real LAN.
 *
 * <p>Semantics shared by every implementation:
 * <ul>
 *   <li><b>Addresses</b> are {@link InetSocketAddress}es with literal IPs (no DNS). In memory the
 *       addresses are whatever the test chose (e.g. {@code 192.168.1.10:55556}).</li>
 *   <li><b>Unicast</b>: {@link #send} to a unicast address delivers to the endpoint bound there, at most
 *       once in the absence of faults; datagrams may be lost, duplicated or reordered, never corrupted
 *       or truncated.</li>
 *   <li><b>Multicast</b>: {@link #send} to a multicast group address ({@code 224.0.0.0/24}, {@code ff02::/16})
 *       reaches every endpoint that {@link #joinGroup joined} that group and listens on the destination
 *       port, including the sender itself (multicast loopback is on so that two processes on one host,
 *       and self-tests, work). Receivers must therefore ignore their own announcements.</li>
 *   <li><b>Broadcast</b>: {@link #send} to {@code 255.255.255.255} reaches every IPv4 endpoint on that
 *       port (including the sender).</li>
 *   <li><b>Size</b>: a payload larger than {@link #maxPayloadSize()} is refused by {@link #send} with an
 *       {@link IOException}; nothing is sent.</li>
 *   <li><b>Blocking</b>: {@link #receive} waits at most {@code timeout}; {@link #close} unblocks a waiting
 *       receiver, which then throws an {@link IOException}.</li>
 * </ul>
 * Sending and receiving may happen on different threads; one receiver thread at a time is expected.
 */
public interface DatagramEndpoint extends Closeable {

    /** The address this endpoint is bound to (the source address peers see, for the in-memory network). */
    InetSocketAddress localAddress();

    /**
     * Sends one datagram to a unicast, multicast or broadcast address. Returns once the datagram is handed
     * to the network; delivery is not guaranteed.
     *
     * @throws IOException if the payload exceeds {@link #maxPayloadSize()}, the endpoint is closed, or the
     *     operating system refuses the send (e.g. no route)
     */
    void send(InetSocketAddress to, byte[] payload) throws IOException;

    /**
     * Waits up to {@code timeout} for the next datagram.
     *
     * @return the datagram, or empty if none arrived in time
     * @throws IOException if the endpoint is (or gets) closed
     */
    Optional<Datagram> receive(Duration timeout) throws IOException;

    /** Starts receiving datagrams sent to the multicast {@code group}. Joining twice is harmless. */
    void joinGroup(InetAddress group) throws IOException;

    /** Stops receiving datagrams sent to {@code group}; a no-op if not joined. */
    void leaveGroup(InetAddress group) throws IOException;

    /** The largest payload {@link #send} accepts. */
    int maxPayloadSize();

    /** Releases the endpoint; idempotent; unblocks a thread in {@link #receive}. */
    @Override
    void close();
}
