package org.annexp2p.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** Who this process is on a Linux system, read from /proc (Java has no getuid or umask). */
final class ThisProcess {
    private ThisProcess() {
    }

    /** The effective user id (the owner of /proc/self), or null where there is no /proc. */
    static Integer uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The file mode creation mask (Linux 4.7 and later show it in /proc/self/status). */
    static OptionalInt umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return OptionalInt.of(Integer.parseInt(line.substring("Umask:".length()).strip(), 8));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: the caller picks the safe default.
        }
        return OptionalInt.empty();
    }
}
