package org.annexp2p.transports.memory;

import java.io.IOException;
import java.util.ArrayDeque;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/** A name on a {@link MemoryNetwork} that accepts links; at most {@link #BACKLOG} wait to be accepted. */
final class MemoryListener implements Listener {

    static final int BACKLOG = 1024;

    private final MemoryNetwork network;
    private final String name;
    private final ArrayDeque<MemoryConnection> pending = new ArrayDeque<>();
    private boolean closed;

    MemoryListener(MemoryNetwork network, String name) {
        this.network = network;
        this.name = name;
    }

    @Override
    public synchronized Connection accept() throws IOException {
        while (pending.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while accepting on memory:" + name);
            }
        }
        if (closed) {
            throw new IOException("listener memory:" + name + " is closed");
        }
        return pending.poll();
    }

    @Override
    public String address() {
        return name;
    }

    @Override
    public void close() {
        ArrayDeque<MemoryConnection> unaccepted;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            unaccepted = new ArrayDeque<>(pending);
            pending.clear();
            notifyAll();
        }
        network.unbind(name, this);
        // Like a TCP listener's backlog: connections nobody accepted are reset.
        unaccepted.forEach(c -> c.link().breakWith("connection reset (listener closed)"));
    }

    synchronized boolean offer(MemoryConnection connection) {
        if (closed || pending.size() >= BACKLOG) {
            return false;
        }
        pending.add(connection);
        notifyAll();
        return true;
    }

    @Override
    public String toString() {
        return "memory listener " + name;
    }
}
