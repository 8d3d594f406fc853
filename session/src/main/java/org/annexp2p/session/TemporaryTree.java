package org.annexp2p.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary directory a command works in, removed when the command ends, however it ends: normally, by an error,
 * or stopped by SIGTERM or Ctrl-C, when the JVM runs no finally block but only its shutdown hooks (the demo's holds
 * two repositories' worth of content, pairing's this side's half of the new tokens). A stop is told whether it
 * removed it (the front end says so in one line); the JVM then exits as signalled (143, 130), since the command did
 * not finish.
 */
public final class TemporaryTree implements AutoCloseable {
    /** Hears what a stop did with the tree. */
    public interface OnStop {
        void removed(Path path);

        void notRemoved(Path path, Exception why);
    }

    private final Path path;
    private final Thread onStop;

    private TemporaryTree(Path path, OnStop told) {
        this.path = path;
        this.onStop = new Thread(() -> {
            try {
                delete(path);
                told.removed(path);
            } catch (IOException | RuntimeException e) {
                told.notRemoved(path, e);
            }
        }, "remove " + path);
    }

    public static TemporaryTree create(String prefix, OnStop told, FileAttribute<?>... attributes) throws IOException {
        TemporaryTree tree = new TemporaryTree(Files.createTempDirectory(prefix, attributes), told);
        Runtime.getRuntime().addShutdownHook(tree.onStop);
        return tree;
    }

    public Path path() {
        return path;
    }

    /**
     * Removes it, and only then the hook: a stop that comes while this runs still removes what is left (the JVM
     * ends as soon as its hooks have, wherever this thread is).
     */
    @Override
    public void close() throws IOException {
        delete(path);
        try {
            Runtime.getRuntime().removeShutdownHook(onStop);
        } catch (IllegalStateException stopping) {
            // The JVM is exiting and the hook runs: nothing left to do.
        }
    }

    /**
     * Removes {@code dir} and all in it, read-only parts too (git-annex makes its objects and their directories so).
     * Another thread may be removing it at the same time (a stop during close), or, for a while, adding to it (the
     * command's thread keeps running while the JVM exits): a few passes get what they moved.
     */
    static void delete(Path dir) throws IOException {
        for (int pass = 1; ; pass++) {
            try {
                deleteOnce(dir);
                return;
            } catch (IOException | UncheckedIOException e) {
                if (pass == 3) {
                    throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                }
            }
        }
    }

    private static void deleteOnce(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                if (p.getParent() != null) {
                    p.getParent().toFile().setWritable(true);
                }
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException goneMeanwhile) {
            if (Files.exists(dir)) {
                throw goneMeanwhile;
            }
        }
    }
}
