package org.annexp2p.transports.datagram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * An in-VM LAN for datagram endpoints, with seeded, deterministic faults.
 *
 * <p>Endpoints are opened at addresses the test chooses ({@code network.open(new InetSocketAddress("192.168.1.2", 55556))}).
 * Fault decisions are drawn from one {@link Random} seeded at construction, in send order, so a run with one
 * sending thread is fully reproducible. Faults can be changed at any time with {@link #faults(DatagramFaults)}.
 *
 * <p>Each endpoint buffers at most {@link #RECEIVE_QUEUE_LIMIT} datagrams; more are dropped, as a full
 * socket buffer would.
 */
public final class MemoryDatagramNetwork {

    static final int RECEIVE_QUEUE_LIMIT = 4096;
    private static final InetAddress BROADCAST = ipv4Broadcast();

    private final Object lock = new Object();
    private final Random random;
    private final Map<InetSocketAddress, MemoryDatagramEndpoint> endpoints = new LinkedHashMap<>();
    private DatagramFaults faults = DatagramFaults.none();
    private long sent;
    private long deliveries;
    private long dropped;
    private long duplicated;
    private long reordered;
    private long blocked;
    private long overflowed;

    public MemoryDatagramNetwork(long seed) {
        this.random = new Random(seed);
    }

    /** Replaces the faults for every later send. */
    public void faults(DatagramFaults newFaults) {
        synchronized (lock) {
            faults = Objects.requireNonNull(newFaults, "faults");
        }
    }

    public DatagramFaults faults() {
        synchronized (lock) {
            return faults;
        }
    }

    /** Opens an endpoint bound to {@code address}; fails if another open endpoint holds it. */
    public DatagramEndpoint open(InetSocketAddress address) throws IOException {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || address.getAddress().isMulticastAddress() || address.getAddress().equals(BROADCAST)) {
            throw new IOException("cannot bind a datagram endpoint to " + address + ": need a unicast IP address");
        }
        synchronized (lock) {
            if (endpoints.containsKey(address)) {
                throw new IOException("address already in use: " + address);
            }
            MemoryDatagramEndpoint endpoint = new MemoryDatagramEndpoint(this, address);
            endpoints.put(address, endpoint);
            return endpoint;
        }
    }

    public DatagramStats stats() {
        synchronized (lock) {
            return new DatagramStats(sent, deliveries, dropped, duplicated, reordered, blocked, overflowed);
        }
    }

    int maxPayloadSize() {
        synchronized (lock) {
            return faults.maxPayloadSize();
        }
    }

    void send(MemoryDatagramEndpoint sender, InetSocketAddress to, byte[] payload) throws IOException {
        Objects.requireNonNull(to, "to");
        if (to.isUnresolved()) {
            throw new IOException("cannot send to unresolved address " + to.getHostString() + ": use a literal IP");
        }
        synchronized (lock) {
            if (payload.length > faults.maxPayloadSize()) {
                throw new IOException("datagram of " + payload.length + " bytes exceeds the maximum of "
                        + faults.maxPayloadSize() + " bytes");
            }
            sent++;
            Datagram datagram = new Datagram(sender.localAddress(), payload);
            InetAddress target = to.getAddress();
            boolean group = target.isMulticastAddress();
            boolean broadcast = target.equals(BROADCAST);
            for (MemoryDatagramEndpoint receiver : recipients(to, group, broadcast)) {
                deliveries++;
                boolean self = receiver == sender;
                if (!self && (faults.apIsolation() || (group && faults.multicastBlocked()) || (broadcast && faults.broadcastBlocked()))) {
                    blocked++;
                    continue;
                }
                deliver(receiver, datagram);
            }
        }
    }

    void closed(MemoryDatagramEndpoint endpoint) {
        synchronized (lock) {
            endpoints.remove(endpoint.localAddress(), endpoint);
        }
    }

    // Called with lock held: one fault decision sequence per delivery keeps runs reproducible.
    private void deliver(MemoryDatagramEndpoint receiver, Datagram datagram) {
        // Always draw three numbers so that changing one rate does not shift the others' sequences.
        boolean drop = random.nextDouble() < faults.dropRate();
        boolean duplicate = random.nextDouble() < faults.duplicateRate();
        boolean reorder = random.nextDouble() < faults.reorderRate();
        if (drop) {
            dropped++;
            return;
        }
        int copies = duplicate ? 2 : 1;
        if (duplicate) {
            duplicated++;
        }
        if (reorder) {
            reordered++;
        }
        for (int i = 0; i < copies; i++) {
            if (!receiver.enqueue(datagram, reorder && i == 0)) {
                overflowed++;
            }
        }
    }

    private List<MemoryDatagramEndpoint> recipients(InetSocketAddress to, boolean group, boolean broadcast) {
        List<MemoryDatagramEndpoint> result = new ArrayList<>();
        if (group) {
            for (MemoryDatagramEndpoint e : endpoints.values()) {
                if (e.localAddress().getPort() == to.getPort() && e.hasJoined(to.getAddress())) {
                    result.add(e);
                }
            }
        } else if (broadcast) {
            for (MemoryDatagramEndpoint e : endpoints.values()) {
                if (e.localAddress().getPort() == to.getPort() && e.localAddress().getAddress().getAddress().length == 4) {
                    result.add(e);
                }
            }
        } else {
            MemoryDatagramEndpoint e = endpoints.get(to);
            if (e != null) {
                result.add(e);
            }
        }
        return result;
    }

    private static InetAddress ipv4Broadcast() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
