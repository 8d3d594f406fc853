package org.annexp2p.wormhole;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A file transfer's second thread: the file side of a transfer (reading and hashing the file while sending, hashing
 * and writing it while receiving) runs on it, beside the cipher and the socket on the caller's thread, so that one
 * side of a transfer can use a second core (docs/performance.md, Magic Wormhole). A few buffers go round: the
 * producing thread fills an empty one and passes it on, the consuming thread drains it and gives it back. A failure
 * of the worker reaches the caller at its next hand-off; closing stops the worker.
 */
final class Conveyor implements AutoCloseable {

    /** Enough buffers that neither thread waits for the other's hand-off of a single one. */
    static final int BUFFERS = 4;

    /**
     * The size of a buffer: sixteen of the sender's records, 64 of python's. A hand-off between threads costs more
     * than copying a record, and a record at a time made the receiver's CPU grow (docs/performance.md).
     */
    static final int BATCH = 1 << 20;

    /** The worker's part: it takes buffers from, and gives them back to, the conveyor it is given. */
    interface Work {
        void run(Conveyor conveyor) throws IOException, InterruptedException;
    }

    /** Marks the end of a stream, or the worker's failure, in either queue. */
    private static final ByteBuffer STOP = ByteBuffer.allocate(0);

    // Room for every buffer and a STOP: putting never waits.
    private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread worker;
    private volatile IOException failure;

    private Conveyor(int bufferBytes, String name, Work work) {
        for (int i = 0; i < BUFFERS; i++) {
            empty.add(ByteBuffer.allocate(bufferBytes));
        }
        worker = new Thread(() -> {
            try {
                work.run(this);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("stopped");
            } catch (RuntimeException e) {
                failure = new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
            } finally {
                // Wakes the caller wherever it waits; a normal end leaves the STOPs unread.
                empty.add(STOP);
                full.add(STOP);
            }
        }, name);
        worker.setDaemon(true);
    }

    /** Starts {@code work} on a thread of its own with {@link #BUFFERS} buffers of {@code bufferBytes}. */
    static Conveyor start(int bufferBytes, String name, Work work) {
        Conveyor c = new Conveyor(bufferBytes, name, work);
        c.worker.start();
        return c;
    }

    /** An empty buffer (cleared) to fill; throws the worker's failure if it has stopped. */
    ByteBuffer takeEmpty() throws IOException {
        return take(empty).clear();
    }

    /** The next filled buffer (position 0, limit its length), or empty at the end of the stream. */
    ByteBuffer takeFull() throws IOException {
        ByteBuffer b = take(full);
        if (b == STOP) {
            full.add(STOP);
        }
        return b;
    }

    /** Passes a filled buffer (flipped: position 0, limit its length) to the other thread. */
    void pass(ByteBuffer filled) {
        full.add(filled);
    }

    /** Gives a drained buffer back to be filled again. */
    void giveBack(ByteBuffer drained) {
        empty.add(drained);
    }

    /** Ends the stream of filled buffers: the other thread's {@link #takeFull} returns an empty one. */
    void end() {
        full.add(STOP);
    }

    /** Waits for the worker to finish; throws its failure, if any. */
    void finish() throws IOException {
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the file was being finished");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ByteBuffer take(BlockingQueue<ByteBuffer> queue) throws IOException {
        ByteBuffer b;
        try {
            b = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
        if (b == STOP && failure != null) {
            queue.add(STOP);
            throw failure;
        }
        return b;
    }

    /** Stops the worker if it is still running (the transfer broke) and waits for it, so it touches no file after. */
    @Override
    public void close() {
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
