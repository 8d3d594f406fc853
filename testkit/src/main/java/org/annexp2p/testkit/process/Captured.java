package org.annexp2p.testkit.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One output stream of a process, read on its own thread as it is written (so a full pipe never blocks the
 * program) and kept whole, and into the process's {@link Transcript}. Waiters are woken on every chunk and at the end.
 */
final class Captured {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Lines lines = new Lines();
    private final Thread pump;
    private boolean ended;

    Captured(InputStream from, Transcript transcript, String name) {
        pump = new Thread(() -> drain(from, transcript), name);
        pump.setDaemon(true);
        pump.start();
    }

    private void drain(InputStream from, Transcript transcript) {
        byte[] buffer = new byte[8192];
        try (from) {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                // Transcript first: whoever sees these bytes here must find them there too.
                transcript.append(buffer, n);
                synchronized (this) {
                    bytes.write(buffer, 0, n);
                    lines.take(buffer, n, System.nanoTime());
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended or was killed; what was read is kept.
        } finally {
            synchronized (this) {
                lines.finish(System.nanoTime());
                ended = true;
                notifyAll();
            }
        }
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized List<Line> lines() {
        return lines.all();
    }

    synchronized boolean ended() {
        return ended;
    }

    /** Waits, at most until {@code deadline} (System.nanoTime), for more output or its end. */
    synchronized void awaitChange(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (!ended && left > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    void join(long millis) throws InterruptedException {
        pump.join(millis);
    }
}
