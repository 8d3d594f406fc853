package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
    /** The largest object read: location logs are small, and a bigger one would only fill the heap. */
    private static final long MAX_SIZE = 64L << 20;
    private static final ScheduledThreadPoolExecutor TIMERS = timers();

    private final GitProcess git;
    private final Duration idle;
    private Running running;
    private ScheduledFuture<?> idleStop;
    /** Counts requests, so that an idle stop that fired while one ran does not stop the process after it. */
    private long requests;
    /** Not a monitor: the idle stop must never wait for a request, whose watchdog runs on the same timer thread. */
    private final ReentrantLock lock = new ReentrantLock();

    private record Running(Process process, OutputStream requests, InputStream answers, StderrTail stderr) {
    }

    GitCatFile(GitProcess git, Duration idle) {
        this.git = git;
        this.idle = idle;
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
            idleStop = TIMERS.schedule(() -> stopIfIdleSince(request), idle.toMillis(), TimeUnit.MILLISECONDS);
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

    @Override
    public void close() {
        lock.lock();
        try {
            if (idleStop != null) {
                idleStop.cancel(false);
            }
            stop();
        } finally {
            lock.unlock();
        }
    }

    private Running started() throws IOException {
        if (running == null || !running.process().isAlive()) {
            stop();
            Process p;
            try {
                p = git.command("cat-file", "--batch").start();
            } catch (IOException e) {
                throw new IOException("cannot run git (is it installed and on PATH?): " + e.getMessage(), e);
            }
            running = new Running(p, p.getOutputStream(), new BufferedInputStream(p.getInputStream(), 1 << 16),
                    StderrTail.drain(p.getErrorStream()));
        }
        return running;
    }

    private static Option<byte[]> ask(Running r, String object) throws IOException {
        // A git that stops answering is killed, which ends the read below with the end of its output.
        ScheduledFuture<?> watchdog = TIMERS.schedule(r.process()::destroyForcibly, ANSWER_WITHIN.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            r.requests().write((object + "\n").getBytes(StandardCharsets.ISO_8859_1));
            r.requests().flush();
            String header = line(r);
            if (header.equals(object + " missing")) {
                return Option.none();
            }
            String[] parts = header.split(" ");
            if (parts.length != 3 || !parts[2].matches("[0-9]{1,18}")) {
                throw new IOException("unexpected answer from git cat-file: " + header);
            }
            long size = Long.parseLong(parts[2]);
            if (size > MAX_SIZE || !parts[1].equals("blob")) {
                throw new IOException("git cat-file found a " + parts[1] + " of " + size + " bytes, not a small blob");
            }
            byte[] content = r.answers().readNBytes((int) size);
            if (content.length < size || r.answers().read() != '\n') {
                throw new IOException("git cat-file gave less than the " + size + " bytes it announced"
                        + r.stderr().shown());
            }
            return Option.some(content);
        } finally {
            watchdog.cancel(false);
        }
    }

    private static String line(Running r) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        for (int b; (b = r.answers().read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("git cat-file --batch ended" + r.stderr().shown());
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
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

    /** Its input closed, git exits by itself; the signal is for one that would not. */
    private void stop() {
        if (running == null) {
            return;
        }
        try {
            running.requests().close();
        } catch (IOException e) {
            // Already gone.
        }
        running.process().destroy();
        running = null;
    }

    private static ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "git-cat-file-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
