package org.annexp2p.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs {@code git} against one git directory, with a bounded wait. */
final class GitProcess {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Variables that would point git somewhere other than the repository we name. */
    private static final List<String> LOCATION_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE");

    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.ISO_8859_1);
        }
    }

    /** What goes before each command's arguments: which repository git works on. */
    private final List<String> where;
    private final GitEnvironment environment;

    GitProcess(Path gitDir) {
        this(gitDir, GitEnvironment.THIS_PROCESS);
    }

    GitProcess(Path gitDir, GitEnvironment environment) {
        this(List.of("--git-dir=" + gitDir), environment);
    }

    private GitProcess(List<String> where, GitEnvironment environment) {
        this.where = where;
        this.environment = environment;
    }

    /** Makes {@code dir} a new git repository with a work tree (as {@code git init} there); fails if git does. */
    static void init(Path dir) throws IOException {
        Result r = new GitProcess(List.of(), GitEnvironment.THIS_PROCESS).run(new byte[0], "init", "-q", "--", dir.toString());
        if (r.exitCode() != 0) {
            throw new IOException("git init " + dir + " failed: " + r.stderr());
        }
    }

    /**
     * A git command on this repository, in its environment (this process's, or exactly a session's, git found on the
     * session's PATH and run in its directory) less any variable that would point git elsewhere. Fails when a
     * session's PATH has no git.
     */
    ProcessBuilder command(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(where);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        if (environment instanceof GitEnvironment.Given given) {
            command.set(0, given.find("git").orElseThrow(() -> new IOException(NO_GIT + "no git on the session's PATH"))
                    .toString());
            pb.command(command).directory(given.directory().toFile());
            env.clear();
            env.putAll(given.variables());
        }
        LOCATION_VARIABLES.forEach(env::remove);
        return pb;
    }

    private static final String NO_GIT = "cannot run git (is it installed and on PATH?): ";

    Result run(byte[] stdin, String... args) throws IOException {
        ProcessBuilder pb = command(args);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(NO_GIT + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), GitProcess::reader);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), GitProcess::reader);
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // git may exit before reading its input; its exit code and stderr tell what happened.
        }
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + args[0] + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    new String(err.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8).trim());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for git " + args[0], e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("could not read the output of git " + args[0], e);
        }
    }

    /** One thread per pipe: both must drain at once, or git can block writing the one nobody reads. */
    private static void reader(Runnable r) {
        Thread t = new Thread(r, "git-output");
        t.setDaemon(true);
        t.start();
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
