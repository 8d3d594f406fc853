package org.annexp2p.transports.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.annexp2p.transports.readable.ReadableSignal;

/**
 * One direction of an in-memory link: a bounded ring buffer. A writer blocks while it is full, which is
 * the backpressure every transport must give. Faults are enforced here, on byte counts, so they cut the
 * stream at an exact offset and can never reorder or alter bytes.
 */
final class MemoryPipe {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final byte[] ring;
    private final String name;
    private final Runnable onCloseAfterReached;
    private int head;
    private int count;
    private long written;
    private long delivered;
    private long closeAfter = Long.MAX_VALUE;
    private long stallAfter = Long.MAX_VALUE;
    private int maxPerRead = Integer.MAX_VALUE;
    private boolean writeClosed;
    private boolean readClosed;
    private String brokenReason;
    private final ReadableSignal onReadable = new ReadableSignal(lock, this::readableNow);

    MemoryPipe(String name, int capacity, Runnable onCloseAfterReached) {
        this.name = name;
        this.ring = new byte[capacity];
        this.onCloseAfterReached = onCloseAfterReached;
    }

    /** Several close-after faults on one direction: the earliest wins. */
    void closeAfter(long bytes) {
        lock.lock();
        try {
            closeAfter = Math.min(closeAfter, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Several stall faults on one direction: the earliest holds until {@link #release()}. */
    void stallAfter(long bytes) {
        lock.lock();
        try {
            stallAfter = Math.min(stallAfter, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** Stops delivery right here, whatever was delivered so far, until {@link #release()}. */
    void stallNow() {
        lock.lock();
        try {
            stallAfter = Math.min(stallAfter, delivered);
        } finally {
            lock.unlock();
        }
    }

    void release() {
        Runnable woken;
        lock.lock();
        try {
            stallAfter = Long.MAX_VALUE;
            readable.signalAll();
            woken = onReadable.takeIfReadable();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
    }

    void maxPerRead(int bytes) {
        lock.lock();
        try {
            maxPerRead = Math.min(maxPerRead, bytes);
        } finally {
            lock.unlock();
        }
    }

    /** The writing side half-closes: the reader gets end-of-stream after the buffered bytes. */
    void closeWrite() {
        Runnable woken;
        lock.lock();
        try {
            writeClosed = true;
            readable.signalAll();
            writable.signalAll();
            woken = onReadable.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
    }

    /** The reading side goes away: its blocked reader and the peer's writer fail. */
    void closeRead() {
        Runnable woken;
        lock.lock();
        try {
            readClosed = true;
            count = 0;
            readable.signalAll();
            writable.signalAll();
            woken = onReadable.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
    }

    /** The link breaks: the reader still gets what was buffered, then an error; writes fail at once. */
    void breakWith(String reason) {
        Runnable woken;
        lock.lock();
        try {
            if (brokenReason == null) {
                brokenReason = reason;
            }
            readable.signalAll();
            writable.signalAll();
            woken = onReadable.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(woken);
    }

    long written() {
        lock.lock();
        try {
            return written;
        } finally {
            lock.unlock();
        }
    }

    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (true) {
                if (readClosed) {
                    throw new IOException(name + ": connection closed");
                }
                long allowed = stallAfter - delivered;
                int available = (int) Math.min(count, allowed);
                if (available > 0) {
                    int n = Math.min(Math.min(len, available), maxPerRead);
                    int first = Math.min(n, ring.length - head);
                    System.arraycopy(ring, head, b, off, first);
                    System.arraycopy(ring, 0, b, off + first, n - first);
                    head = (head + n) % ring.length;
                    count -= n;
                    delivered += n;
                    writable.signalAll();
                    return n;
                }
                if (count == 0 && brokenReason != null) {
                    throw new IOException(name + ": " + brokenReason);
                }
                if (count == 0 && writeClosed) {
                    return -1;
                }
                readable.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted while reading");
        } finally {
            lock.unlock();
        }
    }

    void write(byte[] b, int off, int len) throws IOException {
        boolean reachedCloseAfter = false;
        Runnable woken = null;
        lock.lock();
        try {
            while (len > 0) {
                failIfUnwritable();
                long budget = closeAfter - written;
                if (budget <= 0) {
                    reachedCloseAfter = true;
                    break;
                }
                int space = ring.length - count;
                if (space == 0) {
                    // The reader may be waiting to be told of these bytes before it reads any: tell it now, not after
                    // a wait for room only its reading makes. (The task only hands work to another thread.)
                    if (woken != null) {
                        Runnable task = woken;
                        woken = null;
                        task.run();
                    }
                    writable.await();
                    continue;
                }
                int n = (int) Math.min(Math.min(len, space), budget);
                int tail = (head + count) % ring.length;
                int first = Math.min(n, ring.length - tail);
                System.arraycopy(b, off, ring, tail, first);
                System.arraycopy(b, off + first, ring, 0, n - first);
                count += n;
                written += n;
                off += n;
                len -= n;
                readable.signalAll();
                if (woken == null) {
                    woken = onReadable.takeIfReadable();
                }
            }
            if (!reachedCloseAfter && len == 0 && written >= closeAfter) {
                reachedCloseAfter = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(name + ": interrupted while writing");
        } finally {
            lock.unlock();
            ReadableSignal.run(woken);
        }
        if (reachedCloseAfter) {
            onCloseAfterReached.run();
            if (len > 0) {
                throw new IOException(name + ": connection reset (fault: closed after " + closeAfter + " bytes)");
            }
        }
    }

    /** Runs {@code task} once when a read would no longer block, unless it would not block now (then false). */
    boolean whenReadable(Runnable task) {
        return onReadable.register(task);
    }

    /** Under the lock: whether a read would return (bytes, end of stream or a failure) without waiting. */
    private boolean readableNow() {
        return readClosed || Math.min(count, stallAfter - delivered) > 0 || (count == 0 && (writeClosed || brokenReason != null));
    }

    private void failIfUnwritable() throws IOException {
        if (writeClosed) {
            throw new IOException(name + ": output is shut down");
        }
        if (readClosed) {
            throw new IOException(name + ": connection closed by peer");
        }
        if (brokenReason != null) {
            throw new IOException(name + ": " + brokenReason);
        }
    }

    InputStream inputStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = MemoryPipe.this.read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                return MemoryPipe.this.read(b, off, len);
            }

            @Override
            public int available() {
                lock.lock();
                try {
                    return (int) Math.min(count, stallAfter - delivered);
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    OutputStream outputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                MemoryPipe.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                MemoryPipe.this.write(b, off, len);
            }
        };
    }
}
