package org.annexp2p.shell.resident;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    private volatile boolean finished;

    ServedSession(ClientChannel client, Request request, ResidentServer.Settings settings) {
        this.client = client;
        this.request = request;
        this.settings = settings;
    }

    /** Runs the session to its end; returns when the shell's thread has ended. */
    void run() {
        SessionInput stdin = new SessionInput();
        PrintStream out = new PrintStream(client.frames(Frame.Output::new), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(client.frames(Frame.Error::new), true, StandardCharsets.UTF_8);
        RestrictedShell.Session session = new RestrictedShell.Session(stdin, out, err, request.env(), Path.of(request.directory()));
        boolean debug = request.argv().contains("--debug");
        RestrictedShell.Io io = new RestrictedShell.Io(out, err, settings.words(), debug, settings.transcript().apply(err));
        Thread shell = new Thread(() -> {
            int exit = RestrictedShell.run(request.argv(), session, io);
            out.flush();
            err.flush();
            finished = true;
            if (!out.checkError() && !err.checkError()) {
                try {
                    client.send(new Frame.Exit(exit & 0xff));
                } catch (IOException e) {
                    // The client is gone; there is nobody to tell.
                }
            }
            client.close();
            stdin.end();
        }, "resident session");
        shell.start();
        feed(stdin, shell);
        try {
            shell.join();
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
                } else {
                    break;
                }
            }
        } catch (IOException e) {
            // The connection is closed: by us after 'X', or by the client.
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
