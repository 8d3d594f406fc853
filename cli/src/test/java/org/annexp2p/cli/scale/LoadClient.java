package org.annexp2p.cli.scale;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * One client of a scale run, speaking the protocol through the same interpreter as {@code annex-p2p get/put}:
 * authenticate, wait until every client is connected, GET one object (checked against its SHA-256 here), PUT
 * one object, hang up.
 */
final class LoadClient {

    /** No wait at a checkpoint may hang a run for longer than this; the test then fails instead. */
    static final Duration CHECKPOINT_BOUND = Duration.ofMinutes(2);

    /**
     * Where the clients meet so the test can look at the server: all connected and authenticated
     * ({@code connected}, of which {@code authenticated} succeeded; released by {@code go}), and every big GET
     * half-way through ({@code midway}) while every other client has finished ({@code othersDone}); released
     * by {@code resume}.
     */
    record Checkpoints(AtomicInteger authenticated, CountDownLatch connected, CountDownLatch go,
            CountDownLatch midway, CountDownLatch othersDone, CountDownLatch resume) {
        static Checkpoints of(int clients, long bigGets) {
            return new Checkpoints(new AtomicInteger(), new CountDownLatch(clients), new CountDownLatch(1),
                    new CountDownLatch((int) bigGets), new CountDownLatch(clients - (int) bigGets), new CountDownLatch(1));
        }
    }

    private final TcpTransport tcp;
    private final String address;
    private final AuthToken token;
    private final Checkpoints checkpoints;

    LoadClient(TcpTransport tcp, String address, AuthToken token, Checkpoints checkpoints) {
        this.tcp = tcp;
        this.address = address;
        this.token = token;
        this.checkpoints = checkpoints;
    }

    /** Runs one client's job; returns the GET bytes it verified. Counts down every checkpoint even on failure. */
    long run(Workload.Job job, Workload.Written get, Workload.Written put, Path received) throws Exception {
        boolean connected = false;
        // Each client counts down each checkpoint exactly once, passed or failed before it.
        AtomicBoolean pastMidway = new AtomicBoolean(!job.bigGet());
        try (Connection c = tcp.dial(address, Duration.ofSeconds(60))) {
            StreamNet net = StreamNet.over(c, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
            LooseFiles files = new LooseFiles(Uuid.random()).withSource(put.key(), put.file());
            try (RepositoryLocal local = new RepositoryLocal(files)) {
                Full full = new Full(net, local);
                expect(full.run(Client.auth(files.uuid(), token)), "AUTH");
                full.run(Client.negotiateVersion(ProtocolVersion.MAX)).orThrow();
                connected = true;
                checkpoints.authenticated().incrementAndGet();
                checkpoints.connected().countDown();
                await(checkpoints.go());

                Meter halfway = bytesSoFar -> {
                    if (bytesSoFar * 2 >= job.getSize() && pastMidway.compareAndSet(false, true)) {
                        checkpoints.midway().countDown();
                        await(checkpoints.resume());
                    }
                };
                Destination into = new Destination.File(get.key(), received.toString());
                Program<Either<String, Boolean>> getting = Client.get(into, AssociatedFile.NONE, halfway);
                check(expect(full.run(getting), "GET " + get.key()), "GET " + get.key() + " did not verify");
                byte[] got = Workload.sha256Of(received);
                if (!Arrays.equals(got, get.sha256())) {
                    throw new IOException("GET " + get.key() + ": the received file has another SHA-256");
                }
                check(expect(full.run(Client.put(put.key(), AssociatedFile.NONE, Meter.NONE)), "PUT " + put.key()),
                        "the server refused PUT " + put.key());
            }
            return job.getSize();
        } finally {
            if (!connected) {
                checkpoints.connected().countDown();
            }
            if (pastMidway.compareAndSet(false, true)) {
                checkpoints.midway().countDown();
            }
            if (!job.bigGet()) {
                checkpoints.othersDone().countDown();
            }
        }
    }

    private static <A> A expect(Outcome<Either<String, A>> outcome, String what) throws IOException {
        if (outcome instanceof Outcome.Completed<Either<String, A>> c) {
            if (c.value().isRight()) {
                return c.value().get();
            }
            throw new IOException(what + ": " + c.value().getLeft());
        }
        throw new IOException(what + ": " + (outcome instanceof Outcome.Failed<?> f ? f.reason() : "the server hung up"));
    }

    private static void check(boolean ok, String otherwise) throws IOException {
        if (!ok) {
            throw new IOException(otherwise);
        }
    }

    /** Waits at a checkpoint; the bound turns a stuck run into a failure rather than a hang. */
    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(CHECKPOINT_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a checkpoint was not released within " + CHECKPOINT_BOUND);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at a checkpoint", e);
        }
    }
}
