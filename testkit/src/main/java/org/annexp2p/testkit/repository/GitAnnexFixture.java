package org.annexp2p.testkit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.annexp2p.testkit.process.Finished;

/**
 * Real git-annex repositories in temp directories (the testkit's), and git and git-annex run in them as wire text:
 * standard input and output are one char per byte, so keys with any bytes pass through unchanged. The forms taking
 * an {@code env} run every git and git-annex with it on top of the test's own, as {@link TemporaryRepository} does:
 * a release's {@code GitAnnexVersions.Release#env()} puts that release first on PATH.
 */
public final class GitAnnexFixture {
    public record Run(int exitCode, String stdout, String stderr) {}

    private GitAnnexFixture() {}

    /** A fresh {@code git init} + {@code git annex init} repository (bare if asked). */
    public static Path newRepository(Path parent, String name, boolean bare) {
        return newRepository(Map.of(), parent, name, bare);
    }

    /** As {@link #newRepository(Path, String, boolean)}, its {@code git init} and {@code git annex init} with env. */
    public static Path newRepository(Map<String, String> env, Path parent, String name, boolean bare) {
        try {
            Path dir = parent.resolve(name);
            return (bare ? TemporaryRepository.bareAnnex(dir, name, env) : TemporaryRepository.annex(dir, name, env))
                    .dir();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String ok(Path dir, String stdin, String... command) {
        return ok(Map.of(), dir, stdin, command);
    }

    public static String ok(Map<String, String> env, Path dir, String stdin, String... command) {
        Run r = run(env, dir, stdin, command);
        assertThat(r.exitCode()).as("%s\nstderr: %s", String.join(" ", command), r.stderr()).isZero();
        return r.stdout();
    }

    public static Run run(Path dir, String stdin, String... command) {
        return run(Map.of(), dir, stdin, command);
    }

    public static Run run(Map<String, String> env, Path dir, String stdin, String... command) {
        byte[] input = stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.ISO_8859_1);
        Finished f;
        try {
            f = new TemporaryRepository(dir, env).command(command).stdin(input).run(Duration.ofSeconds(120));
        } catch (IOException e) {
            return fail("cannot run " + command[0] + " — it must be installed for this interop test (git, git-annex "
                    + "10.20230126 and 10.20250416): " + e.getMessage());
        }
        return new Run(f.exit(), f.out(StandardCharsets.ISO_8859_1), new String(f.stderr(), StandardCharsets.ISO_8859_1));
    }

    /** Lets JUnit's temp-dir cleanup delete frozen (read-only) object directories. */
    public static void thawAll(Path root) {
        try {
            TemporaryRepository.thaw(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a temp tree holding repositories, frozen directories and all. */
    public static void deleteTree(Path root) throws IOException {
        TemporaryRepository.delete(root);
    }

    public static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }
}
