package org.annexp2p.http.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.util.ArrayDeque;
import org.annexp2p.transports.BulkInputStream;

/**
 * A request body as a blocking stream, filled by the channel's event loop and read by the request's worker. The
 * channel stops reading from the socket while more than {@link #HIGH_WATER} bytes wait, so a fast client never
 * makes the server hold more than that of its body.
 */
final class RequestBody extends BulkInputStream {
    static final int HIGH_WATER = 256 * 1024;

    private final Channel channel;
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>();
    private long queuedBytes;
    private long received;
    private boolean ended;
    private boolean aborted;
    /** Set by the worker once it answered: the connection is idle until the next request. */
    private volatile boolean served;
    /** A keeplocked body: silence is its normal state, not a stalled upload. */
    private volatile boolean longPoll;

    private final Runnable onServed;

    /** {@code onServed} runs once the worker has answered. */
    RequestBody(Channel channel, Runnable onServed) {
        this.channel = channel;
        this.onServed = onServed;
    }

    /** Event loop: more of the body. */
    synchronized void offer(ByteBuf content) {
        if (aborted || !content.isReadable()) {
            return;
        }
        queued.add(content.retain());
        queuedBytes += content.readableBytes();
        received += content.readableBytes();
        if (queuedBytes > HIGH_WATER) {
            channel.config().setAutoRead(false);
        }
        notifyAll();
    }

    /** Event loop: the body is complete. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** The connection went away: a reader gets an error, not a short body that looks complete. */
    synchronized void abort() {
        aborted = true;
        queued.forEach(ByteBuf::release);
        queued.clear();
        queuedBytes = 0;
        notifyAll();
    }

    void served() {
        served = true;
        onServed.run();
    }

    boolean isServed() {
        return served;
    }

    void longPoll() {
        longPoll = true;
    }

    /**
     * Whether a connection silent for the idle time while this request is current should be closed: when the request
     * was answered (an idle keep-alive), or its body stalled (unless it is a long poll). A request still being answered
     * with its body complete (a download to a client that is reading) is not the reader's to end.
     */
    synchronized boolean idleEnds() {
        return served || (!ended && !aborted && !longPoll);
    }

    /** Whether the whole body arrived (so the connection may serve another request). */
    synchronized boolean complete() {
        return ended && !aborted;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (queued.isEmpty() && !ended && !aborted) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the request body");
            }
        }
        if (aborted) {
            throw new IOException("the client went away");
        }
        if (queued.isEmpty()) {
            return -1;
        }
        ByteBuf head = queued.peek();
        int n = Math.min(len, head.readableBytes());
        head.readBytes(b, off, n);
        if (!head.isReadable()) {
            queued.poll().release();
        }
        queuedBytes -= n;
        if (queuedBytes <= HIGH_WATER / 2 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
        return n;
    }
}
