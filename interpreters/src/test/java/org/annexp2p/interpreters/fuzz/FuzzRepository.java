package org.annexp2p.interpreters.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.repository.TemporaryRepository;

/**
 * A real on-disk git-annex repository for hostile peers to aim at, with a sentinel directory beside it that no
 * peer may ever reach. Only {@code git init} and an {@code annex.uuid} are needed: that is all
 * {@link AnnexRepository#open} asks for, so the fixture does not need git-annex installed.
 *
 * <p>The whole tree under {@link #root()} can be fingerprinted, so a test can tell exactly which paths a
 * conversation created, changed or deleted.
 */
final class FuzzRepository implements AutoCloseable {
    /** Where a server may legitimately write for a peer: the object store, partial copies, the branch journal. */
    static final List<String> WRITABLE = List.of(".git/annex/objects/", ".git/annex/tmp/", ".git/annex/journal/",
            ".git/annex/othertmp/", ".git/annex/journal.lck", ".git/annex/othertmp.lck");

    private final Path root;
    private final Path top;
    private final AnnexRepository repository;

    private FuzzRepository(Path root, Path top, AnnexRepository repository) {
        this.root = root;
        this.top = top;
        this.repository = repository;
    }

    /** Lays out {@code root/deep/er/repo} and {@code root/sentinel/secret.txt}. */
    static FuzzRepository create() throws IOException {
        Path root = Files.createTempDirectory("annexp2p-fuzz");
        // Nested, so that "../" walked a few times from the object store still lands inside root and shows up.
        Path top = Files.createDirectories(root.resolve("deep/er/repo"));
        Path sentinel = Files.createDirectories(root.resolve("sentinel"));
        Files.writeString(sentinel.resolve("secret.txt"), "nobody may touch this\n");
        TemporaryRepository.withUuid(top, "f0220000-0000-4000-8000-00000000f022");
        return new FuzzRepository(root, top, AnnexRepository.open(top));
    }

    Path root() {
        return root;
    }

    AnnexRepository repository() {
        return repository;
    }

    /**
     * Every path under root with what identifies its state: for files, size, modification time and content
     * (small files) — for directories only that they exist, since a directory's mtime moves whenever a child
     * is added and the child itself is what is judged.
     */
    Map<String, String> snapshot() {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(p -> tree.put(root.relativize(p).toString(), fingerprint(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }

    private static String fingerprint(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isDirectory()) {
                return "dir";
            }
            String kind = a.isSymbolicLink() ? "link" : a.isRegularFile() ? "file" : "other";
            return kind + " " + a.size() + " " + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        } catch (IOException e) {
            // Removed between listing and reading: gone is its state.
            return "vanished";
        }
    }

    /** Paths (relative to root) whose state differs between the snapshots, including created and deleted. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        TreeMap<String, String> all = new TreeMap<>(before);
        all.putAll(after);
        return all.keySet().stream().filter(p -> !java.util.Objects.equals(before.get(p), after.get(p))).toList();
    }

    /** True if a peer may cause a change at {@code rootRelative}: inside the writable areas, or a directory above one. */
    boolean writable(String rootRelative) {
        String repoPrefix = root.relativize(top) + "/";
        if (!rootRelative.startsWith(repoPrefix)) {
            return false;
        }
        String inRepo = rootRelative.substring(repoPrefix.length());
        for (String area : WRITABLE) {
            if (inRepo.startsWith(area) || inRepo.equals(area.replaceAll("/$", ""))) {
                return true;
            }
        }
        // .git/annex itself appears the first time anything is written below it.
        return inRepo.equals(".git/annex");
    }

    @Override
    public void close() throws IOException {
        TemporaryRepository.delete(root);
    }
}
