package org.annexp2p.repository;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Semaphore;

/**
 * Writes a file that will be fsynced when complete, and meanwhile, every {@value #EVERY_MIB} MiB, has a thread of
 * its own push what was written so far to the disk. The final fsync then finds little left to flush, instead of
 * stalling the end of a multi-gigabyte transfer while the whole file is written out. Best effort: a failed early
 * flush only stops the early flushing; the final fsync still reports real errors. Small files never start it.
 */
final class WritebackStream extends FilterOutputStream {
    static final int EVERY_MIB = 64;
    private static final long EVERY = (long) EVERY_MIB << 20;

    private final Path file;
    private final Semaphore kicks = new Semaphore(0);
    private volatile boolean closing;
    private Thread flusher;
    private long sinceKick;
    private boolean closed;

    WritebackStream(OutputStream out, Path file) {
        super(out);
        this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        counted(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        counted(len);
    }

    private void counted(int len) {
        sinceKick += len;
        if (sinceKick >= EVERY) {
            sinceKick = 0;
            if (flusher == null) {
                flusher = BackgroundThread.start("writeback " + file.getFileName(), this::flushWhenKicked);
            }
            kicks.release();
        }
    }

    private void flushWhenKicked() {
        // A channel of its own: a flush never waits for, or holds up, the writer's channel.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            while (true) {
                kicks.acquire();
                kicks.drainPermits();
                if (closing) {
                    return;
                }
                ch.force(false);
            }
        } catch (IOException | InterruptedException e) {
            // Early flushing is an optimisation; the final fsync is what guarantees durability.
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } finally {
            stopFlusher();
        }
    }

    private void stopFlusher() {
        if (flusher == null) {
            return;
        }
        closing = true;
        kicks.release();
        BackgroundThread.awaitEnd(flusher);
    }
}
