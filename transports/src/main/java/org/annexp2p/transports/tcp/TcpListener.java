package org.annexp2p.transports.tcp;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/** A bound Netty server channel; accepted connections wait (up to {@link #BACKLOG}) for {@link #accept()}. */
final class TcpListener implements Listener {

    static final int BACKLOG = 1024;

    private static final Object CLOSED = new Object();

    private final BlockingQueue<Object> accepted = new LinkedBlockingQueue<>();
    private final TcpAddress address;
    private volatile Channel serverChannel;
    private volatile boolean closed;

    TcpListener(TcpAddress address) {
        this.address = address;
    }

    void bound(Channel channel) {
        this.serverChannel = channel;
    }

    /** Called on the event loop for each new connection; refuses (closes) it when the backlog is full. */
    void offer(NettyConnection connection) {
        if (closed || accepted.size() >= BACKLOG) {
            connection.close();
            return;
        }
        accepted.add(connection);
        if (closed && accepted.remove(connection)) {
            connection.close();
        }
    }

    @Override
    public Connection accept() throws IOException {
        try {
            Object next = accepted.take();
            if (next == CLOSED) {
                accepted.add(CLOSED);
                throw new IOException("listener tcp " + address + " is closed");
            }
            return (Connection) next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while accepting on tcp " + address);
        }
    }

    @Override
    public String address() {
        return address.toString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Channel channel = serverChannel;
        if (channel != null) {
            channel.close().awaitUninterruptibly(10_000);
        }
        for (Object pending; (pending = accepted.poll()) != null; ) {
            if (pending instanceof NettyConnection c) {
                c.close();
            }
        }
        accepted.add(CLOSED);
    }

    @Override
    public String toString() {
        return "tcp listener " + address;
    }
}
