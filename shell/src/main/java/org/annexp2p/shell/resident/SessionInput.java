package org.annexp2p.shell.resident;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A session's stdin: the 'I' frames' bytes in order, end of file at 'C' or when the session ends. A few frames are
 * held at most, so a client that sends faster than the session reads waits (the socket's own flow control).
 */
final class SessionInput extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private byte[] current = new byte[0];
    private int position;
    private volatile boolean ended;

    /** Adds bytes for the session to read; waits while the session is behind. */
    void offer(byte[] bytes) throws InterruptedException {
        if (!ended && bytes.length > 0) {
            chunks.put(bytes);
        }
    }

    /** End of file at once: the session is over, and what it had not read yet is dropped. */
    void end() {
        if (!ended) {
            ended = true;
            chunks.clear();
            chunks.offer(END);
        }
    }

    /** 'C': end of file after what was offered. */
    void endAfterOffered() throws InterruptedException {
        if (!ended) {
            chunks.put(END);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == current.length) {
            if (current == END) {
                return -1;
            }
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("the session ended");
            }
            position = 0;
            if (current == END) {
                chunks.offer(END);
                return -1;
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - position;
    }

    @Override
    public void close() {
        end();
    }
}
