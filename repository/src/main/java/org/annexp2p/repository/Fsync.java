package org.annexp2p.repository;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes what was written survive a power cut, not just a killed process (the kernel keeps it for those). */
public final class Fsync {
    private Fsync() {
    }

    public static void file(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Makes a rename into {@code dir} durable: without it a power cut can lose the new name although the file's
     * bytes were synced, and a location log written afterwards would then claim content that is not there.
     */
    public static void directory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
