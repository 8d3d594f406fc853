package org.annexp2p.interpreters.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Service;

/**
 * CONNECT relays for git's smart protocol, compatible with git-annex on both sides.
 *
 * <p>Server: runs {@code git upload-pack|receive-pack <repo>}, sends its output as DATA, feeds the peer's DATA
 * to its input, and when git exits sends {@code CONNECTDONE e} — twice, as git-annex does. Client (the git
 * remote helper): relays our local git's bytes as DATA and the peer's DATA to our local git, until the peer's
 * first CONNECTDONE, which it echoes back.
 */
public final class GitRelays implements Relays {
    private static final int CHUNK = 64 * 1024;

    private final Path repository;
    private final InputStream localIn;
    private final OutputStream localOut;

    /** {@code repository} serves CONNECT; {@code localIn/localOut} (our git's pipes) are used by the client side. */
    public GitRelays(Path repository, InputStream localIn, OutputStream localOut) {
        this.repository = repository;
        this.localIn = localIn;
        this.localOut = localOut;
    }

    @Override
    public ExitCode serve(Service service, WireReader in, WireWriter out) throws IOException {
        if (repository == null) {
            return Relays.NONE.serve(service, in, out);
        }
        String command = service == Service.UPLOAD_PACK ? "upload-pack" : "receive-pack";
        Process git = new ProcessBuilder(List.of("git", command, repository.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feeder = daemon("connect-feeder", () -> feedPeerDataTo(in, git.getOutputStream()));
        feeder.start();
        try (InputStream gitOut = git.getInputStream()) {
            byte[] chunk = new byte[CHUNK];
            int n;
            while ((n = gitOut.read(chunk)) >= 0) {
                if (n > 0) {
                    out.sendData(chunk, 0, n);
                }
            }
        }
        int exit;
        try {
            if (!git.waitFor(60, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new IOException("git " + command + " did not exit after closing its output");
            }
            exit = git.exitValue();
        } catch (InterruptedException e) {
            git.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for git " + command);
        }
        ExitCode code = new ExitCode(exit);
        out.send(new Message.ConnectDone(code));
        out.send(new Message.ConnectDone(code));
        return code;
    }

    /** Peer DATA to git's stdin until the peer sends anything else or goes away; then git's stdin is closed. */
    private static void feedPeerDataTo(WireReader in, OutputStream gitIn) {
        try (gitIn) {
            byte[] chunk = new byte[CHUNK];
            while (true) {
                var m = MessageCodec.decode(in.readLine());
                if (m.isLeft() || !(m.get() instanceof Message.Data d)) {
                    return;
                }
                in.beginPayload(d.length().value());
                int n;
                while ((n = in.readPayload(chunk, 0, chunk.length)) >= 0) {
                    gitIn.write(chunk, 0, n);
                }
                gitIn.flush();
            }
        } catch (IOException e) {
            // The peer or git went away; git sees end of input and finishes on its own.
        }
    }

    @Override
    public ExitCode relay(WireReader in, WireWriter out) throws IOException {
        if (localIn == null || localOut == null) {
            return Relays.NONE.relay(in, out);
        }
        Thread sender = daemon("connect-sender", () -> {
            byte[] chunk = new byte[CHUNK];
            try {
                int n;
                while ((n = localIn.read(chunk)) >= 0) {
                    if (n > 0) {
                        out.sendData(chunk, 0, n);
                    }
                }
            } catch (IOException e) {
                // The peer went away; the reading side below reports it.
            }
        });
        sender.start();
        byte[] chunk = new byte[CHUNK];
        while (true) {
            var m = MessageCodec.decode(in.readLine());
            if (m.isRight() && m.get() instanceof Message.Data d) {
                in.beginPayload(d.length().value());
                int n;
                while ((n = in.readPayload(chunk, 0, chunk.length)) >= 0) {
                    localOut.write(chunk, 0, n);
                }
                localOut.flush();
            } else if (m.isRight() && m.get() instanceof Message.ConnectDone done) {
                try {
                    out.send(done);
                } catch (IOException e) {
                    // The server has usually closed already; the echo is a courtesy.
                }
                return done.exitCode();
            } else {
                String what = m.isRight() ? StreamNet.redacted(m.get()) : m.getLeft().describe();
                try {
                    out.send(new Message.Error("expected DATA or CONNECTDONE"));
                } catch (IOException ignored) {
                    // Reported below.
                }
                throw new IOException("expected DATA or CONNECTDONE from the peer, got: " + what);
            }
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
