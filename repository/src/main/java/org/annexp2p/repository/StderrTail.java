package org.annexp2p.repository;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a long-lived process's standard error as it comes, keeping only the last line for error messages: a pipe
 * nobody reads would block the process once full.
 */
final class StderrTail {
    private static final int KEPT = 500;
    private volatile String last = "";

    private StderrTail() {
    }

    static StderrTail drain(InputStream err) {
        StderrTail tail = new StderrTail();
        Thread t = new Thread(() -> tail.readAll(err), "git-stderr");
        t.setDaemon(true);
        t.start();
        return tail;
    }

    /** {@code ": <last line>"}, or nothing if the process said nothing. */
    String shown() {
        String l = last;
        return l.isEmpty() ? "" : ": " + l;
    }

    private void readAll(InputStream err) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (err) {
            for (int b; (b = err.read()) >= 0; ) {
                if (b == '\n') {
                    keep(line);
                } else if (line.size() < KEPT) {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            // The process is gone; what it said before stays.
        }
        keep(line);
    }

    private void keep(ByteArrayOutputStream line) {
        String l = line.toString(StandardCharsets.UTF_8).strip();
        if (!l.isEmpty()) {
            last = l;
        }
        line.reset();
    }
}
