package org.annexp2p.transports.datagram;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** One endpoint of a {@link MemoryDatagramNetwork}. */
final class MemoryDatagramEndpoint implements DatagramEndpoint {

    private final MemoryDatagramNetwork network;
    private final InetSocketAddress address;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private final Set<InetAddress> groups = new HashSet<>();
    // A reordered datagram waits here until the next one arrives (then goes behind it) or a receiver would wait.
    private Datagram heldBack;
    private boolean closed;

    MemoryDatagramEndpoint(MemoryDatagramNetwork network, InetSocketAddress address) {
        this.network = network;
        this.address = address;
    }

    @Override
    public InetSocketAddress localAddress() {
        return address;
    }

    @Override
    public void send(InetSocketAddress to, byte[] payload) throws IOException {
        ensureOpen();
        network.send(this, to, payload);
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws IOException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IOException("datagram endpoint " + address + " is closed");
                }
                Datagram next = queue.poll();
                if (next != null) {
                    return Optional.of(next);
                }
                if (heldBack != null) {
                    Datagram late = heldBack;
                    heldBack = null;
                    return Optional.of(late);
                }
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = arrived.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while receiving on " + address, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void joinGroup(InetAddress group) throws IOException {
        requireGroup(group);
        lock.lock();
        try {
            ensureOpen();
            groups.add(group);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void leaveGroup(InetAddress group) throws IOException {
        requireGroup(group);
        lock.lock();
        try {
            groups.remove(group);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int maxPayloadSize() {
        return network.maxPayloadSize();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            heldBack = null;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        network.closed(this);
    }

    @Override
    public String toString() {
        return "memory datagram endpoint " + address;
    }

    boolean hasJoined(InetAddress group) {
        lock.lock();
        try {
            return groups.contains(group);
        } finally {
            lock.unlock();
        }
    }

    /** Returns false if the datagram was lost to a full queue. */
    boolean enqueue(Datagram datagram, boolean holdBack) {
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            if (queue.size() >= MemoryDatagramNetwork.RECEIVE_QUEUE_LIMIT) {
                return false;
            }
            if (holdBack && heldBack == null) {
                heldBack = datagram;
            } else {
                queue.add(datagram);
                if (heldBack != null) {
                    queue.add(heldBack);
                    heldBack = null;
                }
            }
            arrived.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IOException("datagram endpoint " + address + " is closed");
            }
        } finally {
            lock.unlock();
        }
    }

    private static void requireGroup(InetAddress group) throws IOException {
        if (!group.isMulticastAddress()) {
            throw new IOException("not a multicast group address: " + group.getHostAddress());
        }
    }
}
