package org.annexp2p.shell.resident;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.annexp2p.shell.RestrictedShell;

/**
 * One session after 'S': the shell runs on a thread of its own with the session's streams, environment and
 * directory, while this thread feeds its stdin from the client's 'I' and 'C' frames. When the shell is done, what
 * it wrote has been sent and 'X' follows. When the client goes away or breaks the protocol first, the session ends
 * at once: its stdin reads end of file, its writes fail, and the shell's thread is interrupted (which destroys a
 * git-shell child).
 */
final class ServedSession {
    private final ClientChannel client;
    private final Request request;
    private final ResidentServer.Settings settings;
    /** How long a client may keep the connection open after 'X'. */
    private static final Duration LINGER = Duration.ofSeconds(10);
    private final CountDownLatch fed = new CountDownLatch(1);
    private volatile boolean finished;

    ServedSession(ClientChannel client, Request request, ResidentServer.Settings settings) {
        this.client = client;
        this.request = request;
        this.settings = settings;
    }

    /**
     * Runs the session to its end; returns when the shell's thread has ended. {@code shellEnded} runs as soon as
     * the shell is done, before 'X' is sent: a client that has read 'X' finds the session's slot free again.
     */
    void run(Runnable shellEnded) {
        SessionInput stdin = new SessionInput();
        // Raw streams for the session (a failed write is an IOException there), printers for configlist and errors.
        OutputStream rawOut = client.frames(Frame.Output::new);
        OutputStream rawErr = client.frames(Frame.Error::new);
        PrintStream out = new PrintStream(rawOut, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(rawErr, true, StandardCharsets.UTF_8);
        RestrictedShell.Session session = new RestrictedShell.Session(stdin, rawOut, rawErr, request.env(),
                Path.of(request.directory()));
        boolean debug = request.argv().contains("--debug");
        RestrictedShell.Io io = new RestrictedShell.Io(out, err, settings.words(), debug, settings.transcript().apply(err));
        Thread shell = new Thread(() -> {
            try {
                finish(stdin, out, err, RestrictedShell.run(request.argv(), session, io), shellEnded);
            } finally {
                if (!finished) {
                    finished = true;
                    shellEnded.run();
                }
                // Without 'X' when the shell failed unexpectedly: the forwarder says the session ended without one.
                client.close();
            }
        }, "resident session");
        shell.start();
        feed(stdin, shell);
        fed.countDown();
        try {
            shell.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shell is done: its output is sent, then 'X'. */
    private void finish(SessionInput stdin, PrintStream out, PrintStream err, int exit, Runnable shellEnded) {
        out.flush();
        err.flush();
        finished = true;
        shellEnded.run();
        stdin.end();
        if (client.failed()) {
            return;
        }
        try {
            client.send(new Frame.Exit(exit & 0xff));
            // Only our side is closed: the client may still be sending stdin it had read, and closing a socket with
            // unread bytes would reset the connection under the client's read of 'X'. The client closes after
            // 'X'; one that does not is closed after a while.
            client.shutdownOutput();
            fed.await(LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            // The client is gone; there is nobody to tell.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The client's frames after 'S' into the session's stdin, until the session or the connection ends. */
    private void feed(SessionInput stdin, Thread shell) {
        try {
            while (true) {
                FrameCodec.Decoded d = FrameCodec.read(client.input());
                if (d instanceof FrameCodec.Decoded.Read r && r.frame() instanceof Frame.Input i && i.bytes().length > 0) {
                    stdin.offer(i.bytes());
                } else if (d instanceof FrameCodec.Decoded.Read r && r.frame() instanceof Frame.Closed) {
                    stdin.endAfterOffered();
                } else if (!finished) {
                    break;
                } else if (!(d instanceof FrameCodec.Decoded.Read)) {
                    // After 'X': whatever the client still sends is dropped, until it closes.
                    break;
                }
            }
        } catch (IOException e) {
            // The connection is closed: by the client, or by us.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!finished) {
            // The client went away, closed its side or broke the protocol: the session ends now.
            client.close();
            stdin.end();
            shell.interrupt();
        }
    }
}
