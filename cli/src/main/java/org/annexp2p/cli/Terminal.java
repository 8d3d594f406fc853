package org.annexp2p.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about where our output goes. */
final class Terminal {
    private Terminal() {}

    /** Whether standard error is a terminal (so a live progress bar makes sense there). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
