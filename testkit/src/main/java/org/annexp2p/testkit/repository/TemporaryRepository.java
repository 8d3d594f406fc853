package org.annexp2p.testkit.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;

/**
 * A git repository a test makes in its temporary directory with the real git, and git-annex when asked. Every
 * git it runs ignores {@code GIT_DIR} and friends from the environment (a test started from a git hook would
 * otherwise act on the project's own repository), and commits under a fixed test identity.
 *
 * @param env variables every git it runs gets on top of the test's, e.g. a {@code PATH} that puts one git-annex
 *     release first when a test compares releases
 */
public record TemporaryRepository(Path dir, Map<String, String> env) {
    public static final String USER_NAME = "annex-p2p test";
    public static final String USER_EMAIL = "test@annex-p2p.invalid";
    private static final String[] GIT_LOCATION = {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"};

    public TemporaryRepository {
        env = Map.copyOf(env);
    }

    public TemporaryRepository(Path dir) {
        this(dir, Map.of());
    }

    /** {@code git init} on branch master, with the test identity: enough for refs and commits, no git-annex. */
    public static TemporaryRepository git(Path dir) throws IOException {
        return init(dir, false, Map.of());
    }

    /**
     * A git repository with {@code annex.uuid} set: all our {@code AnnexRepository.open} asks for, so the
     * test needs no git-annex installed.
     */
    public static TemporaryRepository withUuid(Path dir, String uuid) throws IOException {
        TemporaryRepository r = git(dir);
        r.git("config", "annex.uuid", uuid);
        return r;
    }

    /** {@code git init} + {@code git annex init description}: a repository real git-annex knows. */
    public static TemporaryRepository annex(Path dir, String description) throws IOException {
        return annex(dir, description, Map.of());
    }

    /** As {@link #annex(Path, String)}, every git (and so git-annex) it runs then and later with {@code env}. */
    public static TemporaryRepository annex(Path dir, String description, Map<String, String> env) throws IOException {
        TemporaryRepository r = init(dir, false, env);
        r.git("annex", "init", "-q", description);
        return r;
    }

    /** As {@link #annex}, bare (a repository that only stores, as on a server). */
    public static TemporaryRepository bareAnnex(Path dir, String description) throws IOException {
        return bareAnnex(dir, description, Map.of());
    }

    /** As {@link #bareAnnex(Path, String)}, every git (and so git-annex) it runs then and later with {@code env}. */
    public static TemporaryRepository bareAnnex(Path dir, String description, Map<String, String> env)
            throws IOException {
        TemporaryRepository r = init(dir, true, env);
        r.git("annex", "init", "-q", description);
        return r;
    }

    private static TemporaryRepository init(Path dir, boolean bare, Map<String, String> env) throws IOException {
        Files.createDirectories(dir);
        TemporaryRepository r = new TemporaryRepository(dir, env);
        r.git(bare ? new String[] {"init", "-q", "--bare", "-b", "master"} : new String[] {"init", "-q", "-b", "master"});
        r.git("config", "user.name", USER_NAME);
        r.git("config", "user.email", USER_EMAIL);
        return r;
    }

    /** {@code argv} to run in this repository, with git's location variables removed. */
    public Command command(String... argv) {
        return Command.of(argv).in(dir).without(GIT_LOCATION).env(env);
    }

    /** Runs {@code git args} here and fails, showing its output, unless it succeeds. */
    public Finished git(String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("git"));
        argv.addAll(List.of(args));
        return command(argv.toArray(String[]::new)).run().ok();
    }

    public String uuid() throws IOException {
        return git("config", "annex.uuid").out().strip();
    }

    /** Writes {@code content} to {@code name}, {@code git annex add}s and commits it; returns its key. */
    public String add(String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        git("annex", "add", "-q", name);
        git("commit", "-q", "-m", "add " + name);
        return git("annex", "lookupkey", name).out().strip();
    }

    public Path resolve(String path) {
        return dir.resolve(path);
    }

    /**
     * Makes every directory under {@code root} writable again, as git-annex's object directories are not, so that
     * JUnit's {@code @TempDir} clean-up (or anyone) can delete the tree.
     */
    public static void thaw(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isDirectory).forEach(d -> d.toFile().setWritable(true, true));
        }
    }

    /**
     * Deletes a tree of repositories. git-annex freezes object directories read-only, so they are thawed first;
     * it tries a few times because a property's time-bounded shrinking may still be adding files in a try that
     * runs on after a failure.
     */
    public static void delete(Path root) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                thaw(root);
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                last = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
            }
        }
        if (Files.exists(root)) {
            throw last != null ? last : new IOException("could not delete " + root);
        }
    }
}
