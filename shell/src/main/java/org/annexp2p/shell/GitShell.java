package org.annexp2p.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.repository.GitEnvironment;

/**
 * {@code git-shell ARGS...} with our stdin, stdout and stderr; its exit code. When it cannot start, a refusal that
 * says why: git's client only reports that it could not read from the remote repository, and "git-shell failed"
 * alone would leave the user guessing whether the command was refused.
 */
interface GitShell {
    int run(List<String> args);

    /** Where git-shell was looked for, in the refusal's words. */
    static ShellRefusal cannotStart(String where, String why) {
        return new ShellRefusal("cannot start git-shell " + where + " (" + why + "): git provides it; install git"
                + " there, or make it reachable on that PATH");
    }

    static GitShell onPath() {
        return args -> {
            try {
                return new ProcessBuilder(argv(args)).inheritIO().start().waitFor();
            } catch (IOException e) {
                throw cannotStart("on this PATH", "not found, or not executable");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        };
    }

    /**
     * git-shell for a session of the resident server: the session's environment in place of the server's (not
     * merged: the server's variables must not reach a session), git-shell found on the session's PATH (not the
     * server's, which the JVM would search), its directory, and its streams pumped to and from the child's pipes.
     * Interrupting the session's thread (its client went away) destroys the child and what it started; the child's
     * output is all copied before its exit code is returned.
     */
    static GitShell inSession(RestrictedShell.Session session) {
        return args -> {
            Optional<Path> program = GitEnvironment.of(session.env(), session.directory()).find("git-shell");
            if (program.isEmpty()) {
                throw cannotStart("on the ssh session's PATH", "not found");
            }
            List<String> argv = argv(args);
            argv.set(0, program.get().toString());
            ProcessBuilder pb = new ProcessBuilder(argv).directory(session.directory().toFile());
            pb.environment().clear();
            pb.environment().putAll(session.env());
            Process child;
            try {
                child = pb.start();
            } catch (IOException e) {
                throw cannotStart("at " + program.get(), "not executable");
            }
            Thread stdout = pump(child.getInputStream(), session.out(), "git-shell stdout", false);
            Thread stderr = pump(child.getErrorStream(), session.err(), "git-shell stderr", false);
            Thread stdin = pump(session.in(), child.getOutputStream(), "git-shell stdin", true);
            try {
                int exit = child.waitFor();
                stdout.join();
                stderr.join();
                return exit;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            } finally {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                // The stdin pump may be blocked reading the session's input; the server ends that input with the session.
                stdin.interrupt();
            }
        };
    }

    private static List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("git-shell"));
        argv.addAll(args);
        return argv;
    }

    /** Copies {@code from} into {@code to} until either ends, flushing each piece; closes {@code to} if {@code close} (a child's stdin: it then reads end of file). */
    private static Thread pump(InputStream from, OutputStream to, String name, boolean close) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // One side is gone (the child exited, or the session's client); the session's end says the rest.
            } finally {
                if (close) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // The child has exited; nobody reads its stdin any more.
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
