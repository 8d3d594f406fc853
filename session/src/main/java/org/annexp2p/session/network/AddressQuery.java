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

    private AddressQuery() {}

    /** Every non-empty line {@code helper address} printed, in order; throws when it failed. */
    static List<String> run(Path helper, String name, Path directory) throws IOException {
        Process process = new ProcessBuilder(helper.toString(), "address")
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> readBounded(process.getErrorStream(), errors), name + " stderr");
        drain.setDaemon(true);
        drain.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        readBounded(process.getInputStream(), out);
        try {
            if (!process.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(name + " address did not finish within " + LIMIT.toMinutes() + " minutes");
            }
            drain.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + name + " address ran", e);
        }
        if (process.exitValue() != 0) {
            String said = lastLine(errors.toString(StandardCharsets.UTF_8));
            throw new IOException(name + " address failed (exit code " + process.exitValue() + ")"
                    + (said.isEmpty() ? "" : ": " + said));
        }
        List<String> lines = new ArrayList<>();
        out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).forEach(lines::add);
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

    private static void readBounded(InputStream in, ByteArrayOutputStream into) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                int room = MAX_OUTPUT - into.size();
                if (room > 0) {
                    into.write(buf, 0, Math.min(n, room));
                }
            }
        } catch (IOException ignored) {
            // the helper closed its end; what it printed so far is what there is
        }
    }
}
