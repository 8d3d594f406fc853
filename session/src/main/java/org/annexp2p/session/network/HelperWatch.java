package org.annexp2p.session.network;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a serving network helper running: started again after it exits, waiting as {@link RestartBackoff} says.
 * Its first exit is told, and again once it has kept exiting until the slowest pace, never each time. Closing
 * stops it and everything it started, so no helper outlives the server.
 */
final class HelperWatch implements AutoCloseable {
    /** How long a stopped helper may take to exit before it is killed. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final List<String> command;
    private final Path directory;
    private final String name;
    private final Consumer<String> notices;
    private final Object lock = new Object();
    private final Thread thread;
    private Process process;
    private boolean stopped;

    HelperWatch(List<String> command, Path directory, String name, Consumer<String> notices) {
        this.command = List.copyOf(command);
        this.directory = directory;
        this.name = name;
        this.notices = notices;
        this.thread = new Thread(this::run, name + " watch");
        this.thread.setDaemon(true);
    }

    /** Starts the helper; an error starting it the first time is thrown, later ones are retried. */
    void start() throws IOException {
        synchronized (lock) {
            process = launch();
        }
        thread.start();
    }

    /** The running helper's process id, if one runs now. */
    java.util.OptionalLong pid() {
        synchronized (lock) {
            return process != null && process.isAlive() ? java.util.OptionalLong.of(process.pid())
                    : java.util.OptionalLong.empty();
        }
    }

    private Process launch() throws IOException {
        return new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private void run() {
        RestartBackoff backoff = RestartBackoff.initial();
        boolean told = false;
        boolean toldCapped = false;
        while (true) {
            Process current;
            synchronized (lock) {
                current = process;
            }
            long began = System.nanoTime();
            String how;
            try {
                how = current == null ? "could not be started" : "exited with code " + current.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - began);
            backoff = current == null ? backoff.after(Duration.ZERO) : backoff.after(ran);
            if (backoff.delay().equals(RestartBackoff.FIRST) || ran.compareTo(RestartBackoff.CAP) >= 0) {
                told = toldCapped = false;
            }
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                if (!told) {
                    notices.accept(name + " " + how + "; restarting it");
                    told = true;
                } else if (backoff.capped() && !toldCapped) {
                    notices.accept(name + " keeps exiting; retrying every " + RestartBackoff.CAP.toSeconds() + " s");
                    toldCapped = true;
                }
                try {
                    lock.wait(backoff.delay().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (stopped) {
                    return;
                }
                try {
                    process = launch();
                } catch (IOException e) {
                    process = null;
                }
            }
        }
    }

    @Override
    public void close() {
        Process last;
        synchronized (lock) {
            stopped = true;
            last = process;
            lock.notifyAll();
        }
        if (last != null) {
            stop(last.toHandle());
        }
        thread.interrupt();
        try {
            thread.join(GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the helper and what it started to exit, then kills what is left after the grace. */
    private static void stop(ProcessHandle helper) {
        List<ProcessHandle> family = new java.util.ArrayList<>(helper.descendants().toList());
        family.add(helper);
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
