package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Real git-annex repositories in temp directories, and a bounded way to run git and git-annex in them. Standard
 * input and output are wire text (one char per byte), so keys with any bytes pass through unchanged.
 */
public final class GitAnnexFixture {
    public record Run(int exitCode, String stdout, String stderr) {}

    private GitAnnexFixture() {}

    /** A fresh {@code git init} + {@code git annex init} repository (bare if asked). */
    public static Path newRepository(Path parent, String name, boolean bare) {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bare) {
            ok(dir, null, "git", "init", "-q", "--bare");
        } else {
            ok(dir, null, "git", "init", "-q");
        }
        ok(dir, null, "git", "config", "user.name", "annex-p2p test");
        ok(dir, null, "git", "config", "user.email", "test@annex-p2p.invalid");
        ok(dir, null, "git", "annex", "init", "-q", name);
        return dir;
    }

    public static String ok(Path dir, String stdin, String... command) {
        Run r = run(dir, stdin, command);
        assertThat(r.exitCode()).as("%s\nstderr: %s", String.join(" ", command), r.stderr()).isZero();
        return r.stdout();
    }

    public static Run run(Path dir, String stdin, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("GIT_DIR");
        pb.environment().remove("GIT_WORK_TREE");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return fail("cannot run " + command[0] + " — it must be installed for this interop test (git, git-annex "
                    + "10.20230126): " + e.getMessage());
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), GitAnnexFixture::thread);
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), GitAnnexFixture::thread);
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                return fail(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            return fail("running " + String.join(" ", command) + ": " + e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static void thread(Runnable r) {
        Thread t = new Thread(r, "fixture-output");
        t.setDaemon(true);
        t.start();
    }

    private static String drain(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    /** Lets JUnit's temp-dir cleanup delete frozen (read-only) object directories. */
    public static void thawAll(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    dir.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a temp tree holding repositories. Tries a few times: after a failed property, jqwik's time-bounded
     * shrinking may still be running a try in the background, adding files while we delete.
     */
    public static void deleteTree(Path root) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            thawAll(root);
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
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
