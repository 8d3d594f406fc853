package org.annexp2p.repository.refs;

import io.vavr.collection.List;
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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.protocol.wire.ChangedRefs;

/**
 * Change notification for NOTIFYCHANGE, as git-annex's server gives it: watches the loose ref files under
 * {@code .git/refs} and answers with the new SHAs written to them (not ref names). Like git-annex's watcher,
 * which starts with a scan, the first answer on a connection comes at once with the SHAs of all existing refs;
 * later answers wait for a change and gather what else changes within 50 ms.
 */
public final class RefWatcher implements AutoCloseable {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private final Path refs;
    private final WatchService watch;
    private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
    private boolean scanned;

    public RefWatcher(Path gitDir) throws IOException {
        this.refs = gitDir.resolve("refs");
        this.watch = FileSystems.getDefault().newWatchService();
        register(refs);
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

    /** The directories (or the regular files) under {@code root}, tolerating entries that vanish meanwhile. */
    private static java.util.List<Path> tree(Path root, boolean directories) throws IOException {
        java.util.List<Path> found = new java.util.ArrayList<>();
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

    /** Blocks until refs change (the first call answers at once with every ref); the new SHAs. */
    public ChangedRefs next() throws IOException {
        Set<String> shas = new LinkedHashSet<>();
        if (!scanned) {
            scanned = true;
            for (Path f : tree(refs, false)) {
                sha(f).ifPresent(shas::add);
            }
            if (!shas.isEmpty()) {
                return new ChangedRefs(List.ofAll(shas));
            }
        }
        try {
            WatchKey key = watch.take();
            collect(key, shas);
            // Git updates several refs in a burst (a push, a commit on two branches): gather them into one answer.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            WatchKey more;
            while ((more = watch.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                collect(more, shas);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for refs to change");
        } catch (ClosedWatchServiceException e) {
            throw new IOException("change notification closed");
        }
        if (shas.isEmpty()) {
            return next();
        }
        return new ChangedRefs(List.ofAll(shas));
    }

    private void collect(WatchKey key, Set<String> shas) throws IOException {
        Path dir = dirs.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (dir == null || !(event.context() instanceof Path name) || name.toString().endsWith(".lock")) {
                continue;
            }
            Path p = dir.resolve(name);
            if (Files.isDirectory(p)) {
                // Refs may have landed in a new directory before we watched it: read what is already there.
                register(p);
                for (Path f : tree(p, false)) {
                    sha(f).ifPresent(shas::add);
                }
            } else {
                sha(p).ifPresent(shas::add);
            }
        }
        key.reset();
    }

    private static java.util.Optional<String> sha(Path refFile) {
        try {
            String s = Files.readString(refFile, StandardCharsets.US_ASCII).strip();
            return SHA.matcher(s).matches() ? java.util.Optional.of(s) : java.util.Optional.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // Nothing to release.
        }
    }
}
