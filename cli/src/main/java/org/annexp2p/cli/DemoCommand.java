package org.annexp2p.cli;

import io.vavr.control.Either;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Two repositories syncing over loopback TCP, with progress: the main job, end to end.",
            "",
            "Makes two git-annex repositories (\"laptop\" and \"desktop\") in a temporary directory, serves "
                + "\"desktop\" on 127.0.0.1 with a fresh auth token, and from \"laptop\": uploads a file (PUT), "
                + "uploads another one whose connection is cut part-way and then resumed from the offset the server "
                + "kept (PUT-FROM), and downloads a file back (GET), every byte verified against its SHA-256 key. "
                + "Uses real repositories when git is installed, in-memory ones otherwise."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "MiB", defaultValue = "256", description = "Size of each file (default: 256).")
    int sizeMiB;

    @Option(names = "--keep", description = "Keep the demo repositories instead of deleting them.")
    boolean keep;

    @Option(names = "--debug", description = "Show the protocol conversations on stderr.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (sizeMiB < 1 || sizeMiB > 65536) {
            throw new Main.UsageException("--size must be between 1 and 65536 MiB");
        }
        if (keep) {
            Path dir = Files.createTempDirectory("annex-p2p-demo");
            try {
                return run(dir);
            } finally {
                say("kept the demo repositories in " + dir);
            }
        }
        try (TemporaryTree dir = TemporaryTree.create("annex-p2p-demo")) {
            return run(dir.path());
        }
    }

    private int run(Path dir) throws Exception {
        boolean real = onPath("git");
        Repository laptop = real ? AnnexRepository.create(dir.resolve("laptop")) : new MemoryRepository(Uuid.random());
        Repository desktop = real ? AnnexRepository.create(dir.resolve("desktop")) : new MemoryRepository(Uuid.random());
        say(real ? "two git-annex repositories in " + dir : "two in-memory repositories (git is not installed)");
        say("  laptop  " + laptop.uuid());
        say("  desktop " + desktop.uuid());

        long size = (long) sizeMiB << 20;
        Key first = Ingest.sha256e(laptop, generated(size, 1), ".bin");
        Key second = Ingest.sha256e(laptop, generated(size, 2), ".bin");

        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        Transcript transcript = Debug.transcript(debug);
        Serving serving = new Serving(desktop, ServerMode.READ_WRITE, () -> List.of(token), Relays.NONE, transcript);
        try (TcpTransport tcp = new TcpTransport();
                ConnectionServer server = ConnectionServer.start(tcp.listen("127.0.0.1:0"), serving,
                        ServerOptions.of(8, "ERROR too many connections\n"))) {
            String address = server.address();
            say("desktop serves on tcp://" + address + " (AUTH with a fresh 128-character token)");

            say("\n1. laptop uploads a file to desktop");
            transfer(tcp, address, laptop, token, first, "put", Long.MAX_VALUE, transcript, 0);

            say("\n2. laptop uploads another file; the connection is cut at 40%, then the upload resumes");
            transfer(tcp, address, laptop, token, second, "put", size * 4 / 10, transcript, 0);
            long kept = desktop.partialSize(new Destination.ObjectStore(second)).value();
            say("   desktop kept " + ProgressBar.bytes(kept) + " of the interrupted upload (never visible as an object)");
            transfer(tcp, address, laptop, token, second, "put", Long.MAX_VALUE, transcript, kept);

            say("\n3. laptop downloads the first file back from desktop into a new file");
            Path out = dir.resolve("downloaded.bin");
            Destination dest = new Destination.File(first, out.toString());
            transfer(tcp, address, laptop, token, first, dest, transcript);
        }
        say("\nwhere the content is now (location logs):");
        for (Key k : List.of(first, second)) {
            say("  " + GetCommand.abbreviated(k) + "  laptop: " + laptop.hasContent(k) + ", desktop: "
                    + desktop.hasContent(k) + "; desktop's log lists " + desktop.locations(k));
        }
        say("\ndone: every byte verified against its key. Next: `annex-p2p serve --help`, `annex-p2p get --help`.");
        return 0;
    }

    private void transfer(TcpTransport tcp, String address, Repository laptop, AuthToken token, Key key, String what,
            long cutAt, Transcript transcript, long resumeFrom) throws IOException {
        ProgressBar bar = ProgressBar.onStderr("   " + what, key.size().getOrElse(0L));
        if (resumeFrom > 0) {
            bar.resumedFrom(resumeFrom);
        }
        boolean cut = session(tcp, address, laptop, token, meter -> Client.put(key, AssociatedFile.of("demo.bin"), meter),
                bar, cutAt, transcript);
        bar.finish(cut ? "connection cut" : "ok");
    }

    private void transfer(TcpTransport tcp, String address, Repository laptop, AuthToken token, Key key,
            Destination dest, Transcript transcript) throws IOException {
        ProgressBar bar = ProgressBar.onStderr("   get", key.size().getOrElse(0L));
        session(tcp, address, laptop, token, meter -> Client.get(dest, AssociatedFile.NONE, meter), bar,
                Long.MAX_VALUE, transcript);
        bar.finish("ok, verified");
    }

    /** One connection: AUTH, VERSION, the operation; true if it was cut (on purpose, at {@code cutAt} bytes). */
    private boolean session(TcpTransport tcp, String address, Repository laptop, AuthToken token,
            java.util.function.Function<Meter, Program<Either<String, Boolean>>> operation, ProgressBar bar, long cutAt,
            Transcript transcript) throws IOException {
        boolean[] cut = {false};
        Dialed dialed = new Dialed(tcp.dial(address, Duration.ofSeconds(10)), new Greeting.Token(token), Optional.empty(), true);
        try (PeerSession session = PeerSession.open(dialed, laptop, PeerSession.Options.DEFAULT.withTranscript(transcript))) {
            Meter meter = position -> {
                bar.progress(position);
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

    /** {@code size} (whole MiB) pseudo-random bytes, the same for the same {@code seed}, no two MiB alike. */
    private static Ingest.Source generated(long size, int seed) {
        return () -> {
            SplittableRandom random = new SplittableRandom(seed);
            Iterator<InputStream> blocks = Stream.generate(() -> {
                byte[] block = new byte[1 << 20];
                random.nextBytes(block);
                return (InputStream) new ByteArrayInputStream(block);
            }).limit(size >> 20).iterator();
            return new SequenceInputStream(new Enumeration<InputStream>() {
                @Override
                public boolean hasMoreElements() {
                    return blocks.hasNext();
                }

                @Override
                public InputStream nextElement() {
                    return blocks.next();
                }
            });
        };
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static void say(String line) {
        System.err.println(line);
    }
}
