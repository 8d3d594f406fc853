package org.annexp2p.transports.stdio;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe as a spawned command's standard input, written through a {@link FileChannel} of our own. The JDK
 * gives a child's stdin only as a stream, and a stream cannot hand file content to the kernel; a channel can
 * ({@code transferTo} becomes sendfile), which spares a PUT two copies of every byte through our heap.
 *
 * <p>The pipe lives in a private (0700) directory only until both ends are open. Until then we hold it open for
 * reading and writing ourselves, so that neither the JDK's open for the child nor ours for writing blocks; that
 * placeholder is closed at once, so when the command dies our writes fail (EPIPE) as with an ordinary pipe.
 */
record FifoStdin(Path dir, Path fifo, FileChannel placeholder) {

    private static final long MKFIFO_SECONDS = 10;

    /** A fresh named pipe, or empty where one cannot be made (no {@code mkfifo}, no temporary directory). */
    static Optional<FifoStdin> prepare() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("annex-p2p-stdin", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path fifo = dir.resolve("in");
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!mkfifo.waitFor(MKFIFO_SECONDS, TimeUnit.SECONDS) || mkfifo.exitValue() != 0 || !Files.exists(fifo)) {
                mkfifo.destroyForcibly();
                removeQuietly(dir, fifo);
                return Optional.empty();
            }
            // Read and write: on Linux this open of a FIFO never blocks, and it lets the next two opens not block.
            return Optional.of(new FifoStdin(dir, fifo, FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)));
        } catch (IOException | UnsupportedOperationException e) {
            if (dir != null) {
                removeQuietly(dir, dir.resolve("in"));
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removeQuietly(dir, dir.resolve("in"));
            return Optional.empty();
        }
    }

    /** What to redirect the command's standard input from. */
    File file() {
        return fifo.toFile();
    }

    /** Once the command has started: our writing end. The pipe's name is gone afterwards. */
    FileChannel openWriter() throws IOException {
        try {
            return FileChannel.open(fifo, StandardOpenOption.WRITE);
        } finally {
            abandon();
        }
    }

    /** Closes the placeholder and removes the name; the command (if started) keeps its open end. */
    void abandon() {
        try {
            placeholder.close();
        } catch (IOException ignored) {
            // Nothing was written through it; closing cannot lose anything.
        }
        removeQuietly(dir, fifo);
    }

    private static void removeQuietly(Path dir, Path fifo) {
        try {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A leftover empty directory in the temporary directory is harmless.
        }
    }
}
