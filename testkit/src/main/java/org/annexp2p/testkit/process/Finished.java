package org.annexp2p.testkit.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How a command ended: its exit code and everything it printed. */
public record Finished(String command, int exit, byte[] stdout, byte[] stderr) {

    public String out() {
        return out(StandardCharsets.UTF_8);
    }

    /** Standard output in {@code charset}: ISO-8859-1 keeps any byte as one char (wire text). */
    public String out(Charset charset) {
        return new String(stdout, charset);
    }

    public String err() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** This, if it exited 0; otherwise an AssertionError that shows what it printed. */
    public Finished ok() {
        if (exit != 0) {
            throw new AssertionError(command + " exited " + exit + "\nstdout:\n" + out() + "\nstderr:\n" + err());
        }
        return this;
    }
}
