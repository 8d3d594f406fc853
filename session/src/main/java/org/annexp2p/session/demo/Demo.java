package org.annexp2p.session.demo;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Ingest;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * Two repositories syncing over loopback TCP: "desktop" serves with a fresh token, "laptop" uploads a file, uploads
 * another one whose connection is cut part-way and resumed, and downloads the first back, each verified by its key.
 */
public final class Demo {
    /** Where the second upload's connection is cut, in tenths of the file. */
    private static final int CUT_TENTHS = 4;
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(30);

    private final long size;
    private final boolean real;
    private final Transcript transcript;
    private final DemoWatcher watcher;

    /** @param size of each file, whole MiB; {@code real}: git-annex repositories, else in-memory ones */
    public Demo(long size, boolean real, Transcript transcript, DemoWatcher watcher) {
        if (size < GeneratedContent.BLOCK || size % GeneratedContent.BLOCK != 0) {
            throw new IllegalArgumentException("the demo's files are whole MiB");
        }
        this.size = size;
        this.real = real;
        this.transcript = transcript;
        this.watcher = watcher;
    }

    /** Whether git is on {@code path} (a PATH value), which real repositories need. */
    public static boolean gitOn(String path) {
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, "git"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the demo with its repositories (and the downloaded file) in {@code dir}. */
    public void run(Path dir) throws IOException {
        Repository laptop = real ? AnnexRepository.create(dir.resolve("laptop")) : new MemoryRepository(Uuid.random());
        Repository desktop = real ? AnnexRepository.create(dir.resolve("desktop")) : new MemoryRepository(Uuid.random());
        watcher.say(real ? "two git-annex repositories in " + dir : "two in-memory repositories (git is not installed)");
        watcher.say("  laptop  " + laptop.uuid());
        watcher.say("  desktop " + desktop.uuid());

        Key first = Ingest.sha256e(laptop, GeneratedContent.of(size, 1), ".bin");
        Key second = Ingest.sha256e(laptop, GeneratedContent.of(size, 2), ".bin");

        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        Serving serving = new Serving(desktop, ServerMode.READ_WRITE, () -> List.of(token), Relays.NONE, transcript);
        try (TcpTransport tcp = new TcpTransport();
                ConnectionServer server = ConnectionServer.start(tcp.listen("127.0.0.1:0"), serving,
                        ServerOptions.of(8, "ERROR too many connections\n"))) {
            Peer peer = new Peer(tcp, server.address(), laptop, token);
            watcher.say("desktop serves on tcp://" + server.address() + " (AUTH with a fresh 128-character token)");

            watcher.say("\n1. laptop uploads a file to desktop");
            put(peer, first, Long.MAX_VALUE, 0);

            watcher.say("\n2. laptop uploads another file; the connection is cut at " + CUT_TENTHS * 10
                    + "%, then the upload resumes");
            put(peer, second, size * CUT_TENTHS / 10, 0);
            settled(server);
            long kept = desktop.partialSize(new Destination.ObjectStore(second)).value();
            watcher.kept(kept);
            put(peer, second, Long.MAX_VALUE, kept);

            watcher.say("\n3. laptop downloads the first file back from desktop into a new file");
            Destination dest = new Destination.File(first, dir.resolve("downloaded.bin").toString());
            watcher.started("get", first.size().getOrElse(0L), 0);
            session(peer, meter -> Client.get(dest, AssociatedFile.NONE, meter), Long.MAX_VALUE);
            watcher.finished("ok, verified");
        }
        watcher.say("\nwhere the content is now (location logs):");
        for (Key k : List.of(first, second)) {
            watcher.located(k, laptop.hasContent(k), desktop.hasContent(k), desktop.locations(k));
        }
        watcher.say("\ndone: every byte verified against its key. Next: `annex-p2p serve --help`, `annex-p2p get --help`.");
    }

    /**
     * Waits until the server has finished with the cut connection: until then it may still be writing what it
     * received, and the kept size read would be short (or nothing at all).
     */
    private static void settled(ConnectionServer server) throws IOException {
        long deadline = System.nanoTime() + SETTLE_PATIENCE.toNanos();
        while (server.activeConnections() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the demo server did not finish with the cut connection within "
                        + SETTLE_PATIENCE.toSeconds() + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** Where laptop reaches desktop, and as whom. */
    private record Peer(TcpTransport tcp, String address, Repository laptop, AuthToken token) {
    }

    private void put(Peer peer, Key key, long cutAt, long resumeFrom) throws IOException {
        watcher.started("put", key.size().getOrElse(0L), resumeFrom);
        boolean cut = session(peer, meter -> Client.put(key, AssociatedFile.of("demo.bin"), meter), cutAt);
        watcher.finished(cut ? "connection cut" : "ok");
    }

    /** One connection: AUTH, VERSION, the operation; true if it was cut (on purpose, at {@code cutAt} bytes). */
    private boolean session(Peer peer, Function<Meter, Program<Either<String, Boolean>>> operation, long cutAt)
            throws IOException {
        boolean[] cut = {false};
        Dialed dialed = new Dialed(peer.tcp().dial(peer.address(), Duration.ofSeconds(10)), new Greeting.Token(peer.token()),
                Optional.empty(), true);
        try (PeerSession session = PeerSession.open(dialed, peer.laptop(), PeerSession.Options.DEFAULT.withTranscript(transcript))) {
            Meter meter = position -> {
                watcher.progress(position);
                if (position >= cutAt && !cut[0]) {
                    cut[0] = true;
                    session.connection().close();
                }
            };
            boolean stored = session.run(operation.apply(meter));
            if (!cut[0] && !stored) {
                throw new IOException("the demo transfer failed: the server did not store it (it did not verify, or the "
                        + "server could not keep it)");
            }
        } catch (PeerFailure f) {
            if (!cut[0]) {
                throw new IOException("the demo transfer failed: " + why(f), f);
            }
        }
        return cut[0];
    }

    /** Why a transfer did not succeed, in words (never a record dump). */
    static String why(PeerFailure f) {
        return switch (f.kind()) {
            case REFUSED, SAID -> "the server said: " + f.detail();
            case BROKE -> f.detail();
            case CLOSED -> "the server closed the connection";
        };
    }
}
