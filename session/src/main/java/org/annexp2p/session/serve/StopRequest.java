package org.annexp2p.session.serve;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGTERM (systemd's stop, {@code kill}, a container's stop) or SIGINT (Ctrl-C) asking a command that serves until
 * told otherwise to stop. The command's own thread then closes what it serves, in order and bounded, says so in one
 * line, and ends with exit code 0: a stop that was asked for is serving's normal end, and 0 is what systemd counts
 * as a clean stop (it counts a death by SIGTERM as clean too, but not exit code 143, which is what the JVM's own
 * handling of the signal gives). A second signal stops at once, for whoever will not wait for the graceful stop.
 *
 * <p>{@code sun.misc.Signal} is how a Java program handles a signal itself (it stays open to applications for this,
 * JEP 260); javac warns about it and that cannot be turned off. Where it is missing (a runtime without the
 * jdk.unsupported module), a shutdown hook asks for the stop instead and lets the JVM finish exiting (with its code,
 * 143 or 130) once the command is done. Under {@code -Xrs} the JVM leaves both signals to the system, which ends it.
 */
public final class StopRequest {
    /** How long the shutdown-hook fallback lets the command stop before the JVM exits anyway. */
    private static final Duration HOOK_WAIT = Duration.ofSeconds(60);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<String> signal = new AtomicReference<>();

    /**
     * From now on SIGTERM and SIGINT request the stop instead of ending the JVM. Called once serving has begun:
     * until then a signal ends the JVM as usual, rather than waiting for, say, a tor that is still starting.
     */
    public void takeSignals() {
        try {
            for (String name : List.of("TERM", "INT")) {
                Signal.handle(new Signal(name), s -> receive("SIG" + s.getName(), 128 + s.getNumber()));
            }
        } catch (IllegalArgumentException | LinkageError refused) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                receive("signal", 0);
                awaitStopped();
            }, "annex-p2p stop request"));
        }
    }

    /** Waits until the stop is requested. */
    public void await() throws InterruptedException {
        requested.await();
    }

    /**
     * The command has stopped {@code what} (e.g. "serving tcp://127.0.0.1:4242"), or failed: says so if a signal
     * asked for it, and lets the shutdown-hook fallback end the JVM.
     */
    public void stopped(String what) {
        String by = signal.get();
        if (by != null) {
            System.err.println("annex-p2p: stopped " + what + " (" + by + ")");
        }
        stopped.countDown();
    }

    private void receive(String name, int exitCode) {
        if (signal.compareAndSet(null, name)) {
            requested.countDown();
        } else if (exitCode != 0) {
            System.err.println("annex-p2p: stopping at once (" + name + " while stopping)");
            System.exit(exitCode);
        }
    }

    private void awaitStopped() {
        try {
            stopped.await(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
