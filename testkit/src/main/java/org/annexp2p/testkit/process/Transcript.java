package org.annexp2p.testkit.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Both output streams of a process in the order they arrived, as a terminal would show them; copied to a log if asked. */
final class Transcript {
    private final ByteArrayOutputStream both = new ByteArrayOutputStream();
    private final Optional<OutputStream> log;

    Transcript(Optional<OutputStream> log) {
        this.log = log;
    }

    synchronized void append(byte[] buffer, int length) {
        both.write(buffer, 0, length);
        if (log.isPresent()) {
            try {
                log.get().write(buffer, 0, length);
                log.get().flush();
            } catch (IOException e) {
                // The log is a copy for people; the test still has every byte in memory.
            }
        }
    }

    synchronized String text() {
        return both.toString(StandardCharsets.UTF_8);
    }

    synchronized void close() throws IOException {
        if (log.isPresent()) {
            log.get().close();
        }
    }
}
