package org.annexp2p.repository.refs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.repository.BackgroundThread;

/**
 * The one watch on a repository's loose refs that every NOTIFYCHANGE waiter in this JVM shares. Each watch is an
 * inotify instance, and Linux gives a user 128 of them by default: one per waiting connection made the 129th
 * NOTIFYCHANGE fail (and took instances from every other program of that user). One thread takes the changes
 * and hands each batch to every {@link RefWatcher} that has joined; the watch closes when the last one leaves.
 */
final class RefChanges {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    /** Where watch services come from: the file system's, or in tests one that counts. */
    @FunctionalInterface
    interface WatchServices {
        WatchService open() throws IOException;
    }

    /** The watches open in this JVM, one per repository. */
    static final class Registry {
        private final WatchServices services;
        private final Map<Path, RefChanges> open = new HashMap<>();

        Registry(WatchServices services) {
            this.services = services;
        }

        /** A new waiter on the refs under {@code gitDir}, sharing the repository's watch (opened if none is). */
        synchronized RefWatcher join(Path gitDir) throws IOException {
            Path where = identity(gitDir);
            RefChanges changes = open.get(where);
            if (changes == null || changes.failed) {
                changes = new RefChanges(this, where, gitDir.resolve("refs"), services.open());
                changes.start();
                open.put(where, changes);
            }
            RefWatcher waiter = new RefWatcher(changes);
            changes.waiters.add(waiter);
            return waiter;
        }

        /** {@code waiter} no longer wants changes; the last one to leave closes the watch. */
        synchronized void leave(RefChanges changes, RefWatcher waiter) {
            changes.waiters.remove(waiter);
            if (changes.waiters.isEmpty()) {
                open.remove(changes.where, changes);
                changes.close();
            }
        }

        /** The watch broke: no one joins it any more; its waiters, to be told. */
        synchronized List<RefWatcher> fail(RefChanges changes) {
            changes.failed = true;
            open.remove(changes.where, changes);
            return new ArrayList<>(changes.waiters);
        }

        /** Snapshot of the waiters to hand a batch to (taken under the lock, delivered outside it). */
        synchronized List<RefWatcher> waiters(RefChanges changes) {
            return new ArrayList<>(changes.waiters);
        }

        private static Path identity(Path gitDir) {
            try {
                return gitDir.toRealPath();
            } catch (IOException e) {
                return gitDir.toAbsolutePath().normalize();
            }
        }
    }

    static final Registry SYSTEM = new Registry(() -> FileSystems.getDefault().newWatchService());

    private final Registry registry;
    private final Path where;
    private final Path refs;
    private final WatchService watch;
    /** Guarded by the registry's lock. */
    private final Set<RefWatcher> waiters = new LinkedHashSet<>();
    /** Guarded by the registry's lock. */
    private boolean failed;
    /** Only the dispatch thread touches this after {@link #start()}. */
    private final Map<WatchKey, Path> dirs = new HashMap<>();

    private RefChanges(Registry registry, Path where, Path refs, WatchService watch) {
        this.registry = registry;
        this.where = where;
        this.refs = refs;
        this.watch = watch;
    }

    Path refs() {
        return refs;
    }

    private void start() throws IOException {
        try {
            register(refs);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        BackgroundThread.start("ref watch", this::dispatch);
    }

    private void dispatch() {
        try {
            while (true) {
                Set<String> shas = new LinkedHashSet<>();
                collect(watch.take(), shas);
                // Git updates several refs in a burst (a push, a commit on two branches): gather them into one answer.
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
                WatchKey more;
                while ((more = watch.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                    collect(more, shas);
                }
                if (!shas.isEmpty()) {
                    for (RefWatcher w : registry.waiters(this)) {
                        w.deliver(shas);
                    }
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Closed when the last waiter left.
        } catch (IOException | RuntimeException e) {
            close();
            for (RefWatcher w : registry.fail(this)) {
                w.fail("change notification failed: " + e.getMessage());
            }
        }
    }

    private void collect(WatchKey key, Set<String> shas) throws IOException {
        Path dir = dirs.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                // Events were lost: every ref may have changed.
                shas.addAll(scan(refs));
                continue;
            }
            if (dir == null || !(event.context() instanceof Path name) || name.toString().endsWith(".lock")) {
                continue;
            }
            Path p = dir.resolve(name);
            if (Files.isDirectory(p)) {
                // Refs may have landed in a new directory before we watched it: read what is already there.
                register(p);
                shas.addAll(scan(p));
            } else {
                sha(p).ifPresent(shas::add);
            }
        }
        key.reset();
    }

    private void register(Path dir) throws IOException {
        for (Path d : tree(dir, true)) {
            try {
                dirs.put(d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY), d);
            } catch (java.nio.file.NoSuchFileException gone) {
                // Removed while we looked (git deletes lock files and empty directories all the time).
            }
        }
    }

    private void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // Nothing to release.
        }
    }

    /** The SHAs of every loose ref under {@code root}. */
    static Set<String> scan(Path root) throws IOException {
        Set<String> shas = new LinkedHashSet<>();
        for (Path f : tree(root, false)) {
            sha(f).ifPresent(shas::add);
        }
        return shas;
    }

    /** The directories (or the regular files) under {@code root}, tolerating entries that vanish meanwhile. */
    private static List<Path> tree(Path root, boolean directories) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                if (directories) {
                    found.add(d);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                if (!directories && a.isRegularFile()) {
                    found.add(f);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private static Optional<String> sha(Path refFile) {
        try {
            String s = Files.readString(refFile, StandardCharsets.US_ASCII).strip();
            return SHA.matcher(s).matches() ? Optional.of(s) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void leave(RefWatcher waiter) {
        registry.leave(this, waiter);
    }
}
