package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@code git cat-file --batch} per repository, started on first use and kept for the requests after it:
 * starting git costs more than all the rest of a small PUT. Requests are serialised. A process that died is
 * replaced by the next request; one left idle for {@code idle} is stopped, and so is every one whose JVM ends, by
 * any means, since git then reads the end of its input. So a server that stops leaves none behind.
 */
final class GitCatFile implements AutoCloseable {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final GitProcess git;
    /** This reader's own: its idle stops and answer watchdogs. */
    private final ScheduledThreadPoolExecutor timers;
    private final Duration idle;
    private CatFileProcess running;
    private ScheduledFuture<?> idleStop;
    /** Counts requests, so that an idle stop that fired while one ran does not stop the process after it. */
    private long requests;
    /** Not a monitor: the idle stop must never wait for a request, whose watchdog runs on the same timer thread. */
    private final ReentrantLock lock = new ReentrantLock();

    GitCatFile(GitProcess git, Duration idle) {
        this(git, idle, body -> {
            Thread t = new Thread(body, "git-cat-file-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** With timer threads from {@code factory} (a test counts them). */
    GitCatFile(GitProcess git, Duration idle, ThreadFactory factory) {
        this.git = git;
        this.idle = idle;
        this.timers = timers(factory);
    }

    /** The content of the blob git names {@code object} ({@code REF:PATH}); none if git says it is missing. */
    Option<byte[]> blob(String object) throws IOException {
        if (object.indexOf('\n') >= 0 || object.indexOf('\r') >= 0) {
            throw new IOException("git cat-file --batch cannot be asked for a name with a line break");
        }
        lock.lock();
        try {
            return locked(object);
        } finally {
            lock.unlock();
        }
    }

    private Option<byte[]> locked(String object) throws IOException {
        if (idleStop != null) {
            idleStop.cancel(false);
        }
        try {
            try {
                return ask(started(), object);
            } catch (IOException gone) {
                // After any failure the answers may be out of step with the requests: never read them again. And the
                // process may have died since the last request (killed, or its repository moved): one fresh try.
                stop();
                try {
                    return ask(started(), object);
                } catch (IOException e) {
                    stop();
                    throw e;
                }
            }
        } finally {
            long request = ++requests;
            idleStop = timers.schedule(() -> stopIfIdleSince(request), idle.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The running process's id, if one runs. */
    OptionalLong pid() {
        lock.lock();
        try {
            return running == null ? OptionalLong.empty() : OptionalLong.of(running.process().pid());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the running process, if any, and waits for it to end (a reader the repository no longer keeps, or a
     * test's). A later read starts git again.
     */
    @Override
    public void close() {
        Process stopped = null;
        lock.lock();
        try {
            if (idleStop != null) {
                idleStop.cancel(false);
            }
            if (running != null) {
                stopped = running.process();
            }
            stop();
        } finally {
            lock.unlock();
        }
        if (stopped != null) {
            try {
                // Its input closed and signalled, git ends at once; the bound is for one that would not.
                stopped.waitFor(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CatFileProcess started() throws IOException {
        if (running == null || !running.process().isAlive()) {
            stop();
            running = CatFileProcess.start(git);
        }
        return running;
    }

    private Option<byte[]> ask(CatFileProcess p, String object) throws IOException {
        // A git that stops answering is killed, which ends the read with the end of its output.
        ScheduledFuture<?> watchdog = timers.schedule(p.process()::destroyForcibly, ANSWER_WITHIN.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return p.ask(object);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** A request running now will schedule its own idle stop when it ends. */
    private void stopIfIdleSince(long request) {
        if (lock.tryLock()) {
            try {
                if (request == requests) {
                    stop();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void stop() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    private static ScheduledThreadPoolExecutor timers(ThreadFactory factory) {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, factory);
        t.setRemoveOnCancelPolicy(true);
        // no thread lingers once nothing is pending: a server that has stopped leaves none behind
        t.setKeepAliveTime(1, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
