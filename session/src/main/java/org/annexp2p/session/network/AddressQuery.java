package org.annexp2p.session.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code git-annex-p2p-NETNAME address}, never through a shell: the lines it printed, or why not.
 * Its output is bounded, so a helper that prints without end cannot fill our memory.
 */
final class AddressQuery {
    /** A helper may set its network up first; this only stops a helper that never ends. */
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final int MAX_OUTPUT = 64 * 1024;
    /** What it printed just before exiting is still in the pipe; a daemon it left holding the pipe is not waited for. */
    private static final Duration AFTER_EXIT = Duration.ofSeconds(2);

    private AddressQuery() {}

    /** Every non-empty line {@code helper address} printed, in order; throws when it failed. */
    static List<String> run(Path helper, String name, Path directory) throws IOException {
        Process process = new ProcessBuilder(helper.toString(), "address")
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread outDrain = drain(process.getInputStream(), out, name + " stdout");
        Thread errDrain = drain(process.getErrorStream(), errors, name + " stderr");
        try {
            // Its exit ends the query, not the end of its output: a daemon it started may hold that open.
            if (!process.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(name + " address did not finish within " + LIMIT.toMinutes() + " minutes");
            }
            outDrain.join(AFTER_EXIT.toMillis());
            errDrain.join(AFTER_EXIT.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + name + " address ran", e);
        }
        if (process.exitValue() != 0) {
            String said = lastLine(snapshot(errors));
            throw new IOException(name + " address failed (exit code " + process.exitValue() + ")"
                    + (said.isEmpty() ? "" : ": " + said));
        }
        List<String> lines = new ArrayList<>();
        snapshot(out).lines().filter(l -> !l.isEmpty()).forEach(lines::add);
        return lines;
    }

    /** The last non-blank line, shown safely: control characters would let a helper rewrite the user's terminal. */
    static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        lines.get(lines.size() - 1).strip().codePoints()
                .forEach(c -> sb.append(Character.isISOControl(c) ? "?" : Character.toString(c)));
        return sb.toString();
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into, String name) {
        Thread t = new Thread(() -> readBounded(in, into), name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String snapshot(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static void readBounded(InputStream in, ByteArrayOutputStream into) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (into) {
                    int room = MAX_OUTPUT - into.size();
                    if (room > 0) {
                        into.write(buf, 0, Math.min(n, room));
                    }
                }
            }
        } catch (IOException ignored) {
            // the helper closed its end; what it printed so far is what there is
        }
    }
}
