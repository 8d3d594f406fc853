package org.annexp2p.testkit.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One output stream cut into {@link Line}s as its bytes arrive; not thread-safe (its {@link Captured} guards it). */
final class Lines {
    private final List<Line> complete = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    void take(byte[] buffer, int length, long nowNanos) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == '\n') {
                end(nowNanos);
            } else {
                partial.write(buffer[i]);
            }
        }
    }

    /** The stream ended: a last line without its line feed is a line too. */
    void finish(long nowNanos) {
        if (partial.size() > 0) {
            end(nowNanos);
        }
    }

    private void end(long nowNanos) {
        complete.add(new Line(nowNanos, partial.toString(StandardCharsets.UTF_8)));
        partial.reset();
    }

    List<Line> all() {
        return List.copyOf(complete);
    }
}
