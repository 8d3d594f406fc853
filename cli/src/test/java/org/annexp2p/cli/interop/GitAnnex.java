package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.annexp2p.testkit.repository.TemporaryRepository;

/**
 * Drives the real git and git-annex in temporary repositories. Interop tests must fail loudly, never skip,
 * when the peer is missing: {@link #requireInstalled()} is the first thing each of them calls.
 */
public final class GitAnnex {
    private GitAnnex() {}

    public record Result(int exit, String out, String err) {
        public Result ok() {
            assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
            return this;
        }
    }

    public static void requireInstalled() {
        for (String program : List.of("git", "git-annex", "git-annex-shell")) {
            if (!onPath(program)) {
                fail(program + " is not installed: interop tests need the Debian git-annex package "
                        + "(apt-get install git-annex; .ci/run installs it)");
            }
        }
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** {@code git init} + {@code git annex init} in {@code dir}, with an identity so commits work. */
    public static Path initRepo(Path dir, String description) throws IOException {
        return TemporaryRepository.annex(dir, description).dir();
    }

    /** As {@link #initRepo(Path, String)} with {@code release}'s git-annex. */
    public static Path initRepo(GitAnnexVersions.Release release, Path dir, String description) throws IOException {
        return TemporaryRepository.annex(dir, description, release.env()).dir();
    }

    /** Adds a file with the given content to the annex and commits it; returns its key. */
    public static String addFile(Path repo, String name, byte[] content) throws IOException {
        return new TemporaryRepository(repo).add(name, content);
    }

    /** As {@link #addFile(Path, String, byte[])} with {@code release}'s git-annex. */
    public static String addFile(GitAnnexVersions.Release release, Path repo, String name, byte[] content)
            throws IOException {
        return new TemporaryRepository(repo, release.env()).add(name, content);
    }

    public static String uuid(Path repo) throws IOException {
        return new TemporaryRepository(repo).uuid();
    }

    public static Result run(Path dir, Map<String, String> env, String... argv) throws IOException {
        return run(dir, env, null, argv);
    }

    /** Runs a command with a bounded wait (2 minutes); its output is collected, never inherited. */
    public static Result run(Path dir, Map<String, String> env, byte[] stdin, String... argv) throws IOException {
        return run(dir, env, stdin, Command.RUN_BOUND, argv);
    }

    /** As {@link #run(Path, Map, byte[], String...)} with its own bound; on a time-out the output so far is shown. */
    public static Result run(Path dir, Map<String, String> env, byte[] stdin, Duration bound, String... argv)
            throws IOException {
        Command c = Command.of(argv).in(dir).env(env);
        return result((stdin == null ? c : c.stdin(stdin)).run(bound));
    }

    private static Result result(Finished f) {
        return new Result(f.exit(), f.out(), f.err());
    }
}
