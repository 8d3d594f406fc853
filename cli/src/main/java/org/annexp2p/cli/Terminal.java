package org.annexp2p.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about where our output goes. */
public final class Terminal {
    private Terminal() {}

    /** Whether standard error is a terminal (so a live progress bar makes sense there). */
    public static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** Whether standard output is a terminal (a person reads it as it comes, rather than a pipe or a file). */
    public static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    /** Whether standard input is a terminal (a person types there, so a prompt is worth showing). */
    public static boolean stdinIsTerminal() {
        return isTerminal(0);
    }

    private static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
