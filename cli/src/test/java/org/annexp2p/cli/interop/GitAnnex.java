package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        Files.createDirectories(dir);
        run(dir, Map.of(), "git", "init", "-q", "-b", "master").ok();
        run(dir, Map.of(), "git", "config", "user.email", "test@example.invalid").ok();
        run(dir, Map.of(), "git", "config", "user.name", "annex-p2p test").ok();
        run(dir, Map.of(), "git", "annex", "init", "-q", description).ok();
        return dir;
    }

    /** Adds a file with the given content to the annex and commits it; returns its key. */
    public static String addFile(Path repo, String name, byte[] content) throws IOException {
        Path f = repo.resolve(name);
        Files.createDirectories(f.getParent());
        Files.write(f, content);
        run(repo, Map.of(), "git", "annex", "add", "-q", name).ok();
        run(repo, Map.of(), "git", "commit", "-q", "-m", "add " + name).ok();
        return run(repo, Map.of(), "git", "annex", "lookupkey", name).ok().out().trim();
    }

    public static String uuid(Path repo) throws IOException {
        return run(repo, Map.of(), "git", "config", "annex.uuid").ok().out().trim();
    }

    public static Result run(Path dir, Map<String, String> env, String... argv) throws IOException {
        return run(dir, env, null, argv);
    }

    /** Runs a command with a bounded wait (2 minutes); its output is collected, never inherited. */
    public static Result run(Path dir, Map<String, String> env, byte[] stdin, String... argv) throws IOException {
        return run(dir, env, stdin, java.time.Duration.ofMinutes(2), argv);
    }

    /** As {@link #run(Path, Map, byte[], String...)} with its own bound; on a time-out the output so far is shown. */
    public static Result run(Path dir, Map<String, String> env, byte[] stdin, java.time.Duration bound, String... argv)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(argv))).directory(dir.toFile());
        pb.environment().putAll(env);
        return run(pb, stdin, bound);
    }

    /** Runs a prepared process to its end, feeding it {@code stdin} (if any) and collecting both outputs. */
    public static Result run(ProcessBuilder pb, byte[] stdin, java.time.Duration bound) throws IOException {
        String[] argv = pb.command().toArray(String[]::new);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException closedEarly) {
            // A program that does not read all its input (a refusal, say) closed its end first.
        }
        try {
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                o.join(5_000);
                e.join(5_000);
                fail("timed out after " + bound.toSeconds() + " s: " + String.join(" ", argv) + "\nstdout so far:\n"
                        + out.toString(StandardCharsets.UTF_8) + "\nstderr so far:\n" + err.toString(StandardCharsets.UTF_8));
            }
            o.join(10_000);
            e.join(10_000);
        } catch (InterruptedException ie) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ie);
        }
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(to);
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
