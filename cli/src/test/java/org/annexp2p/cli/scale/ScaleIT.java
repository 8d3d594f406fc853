package org.annexp2p.cli.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.transports.tcp.TcpTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code annex-p2p serve --listen} under load: a thousand clients at once on one TCP server, each GETting and
 * PUTting an object of a seeded random size (set {@code -Dscale.seed=N} to replay a run), every byte checked
 * by SHA-256; the server's heap stays bounded by its connections, not by what they move; and a server at its
 * connection cap refuses exactly the excess, cleanly, while serving the others.
 */
class ScaleIT {

    static final int CLIENTS = 1000;
    /** Heap one connection may cost the server, reader and writer buffers and a transfer's copy buffers included. */
    static final long PER_CONNECTION_KIB = 512;
    /** Heap for what is not per connection: class loading, JIT, GC bookkeeping, measurement noise. */
    static final long SLACK_MIB = 48;
    /** Threads a JVM may add or drop on its own (JIT compilers, a second event loop, timers). */
    static final int THREAD_SLACK = 16;
    static final String REFUSAL = "ERROR too many connections; try again later\n";

    @TempDir
    Path tmp;

    @Test
    void aThousandClientsGetAndPutAtOnceAndTheHeapStaysBoundedByConnections() throws Exception {
        GitAnnex.requireInstalled();
        long seed = Long.getLong("scale.seed", System.nanoTime());
        System.out.printf("ScaleIT: seed %d (replay with -Dscale.seed=%d)%n", seed, seed);
        long started = System.nanoTime();
        Served served = serverRepository();
        Path repo = served.dir();
        AnnexRepository server = served.repository();
        AuthToken token = served.token();

        Workload work = Workload.plan(seed, CLIENTS);
        Workload.Written[] gets = new Workload.Written[CLIENTS];
        Workload.Written[] puts = new Workload.Written[CLIENTS];
        Path clientFiles = Files.createDirectories(tmp.resolve("clients"));
        for (Workload.Job job : work.jobs()) {
            gets[job.index()] = stageInStore(server, work.write(job, false, clientFiles.resolve("staged-" + job.index())));
            puts[job.index()] = work.write(job, true, clientFiles.resolve("put-" + job.index()));
        }
        long bigGetBytes = work.jobs().stream().filter(Workload.Job::bigGet).mapToLong(Workload.Job::getSize).sum();
        System.out.printf("ScaleIT: %d clients, %d big GETs (%d MiB of them), %d MiB to move in all; prepared in %d ms%n",
                CLIENTS, work.bigGets(), bigGetBytes >> 20, work.totalBytes() >> 20, millisSince(started));

        try (ServerProcess serve = ServerProcess.start(repo, CLIENTS, tmp.resolve("logs"));
                TcpTransport tcp = new TcpTransport()) {
            long baseHeap = serve.liveHeapMiB();
            int baseThreads = serve.threads();
            LoadClient.Checkpoints at = LoadClient.Checkpoints.of(CLIENTS, work.bigGets());
            LoadClient client = new LoadClient(tcp, serve.address(), token, at);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS, named("scale client"));
            List<Future<Long>> results = new ArrayList<>();
            long dialing = System.nanoTime();
            try {
                for (Workload.Job job : work.jobs()) {
                    int i = job.index();
                    Path received = clientFiles.resolve("got-" + i);
                    results.add(pool.submit(() -> client.run(job, gets[i], puts[i], received)));
                }

                // Every client connected and authenticated, none yet past the checkpoint: all held at once.
                LoadClient.await(at.connected());
                int connectedAtOnce = at.authenticated().get();
                int heldThreads = serve.threads();
                long heldHeap = serve.liveHeapMiB();
                System.out.printf("ScaleIT: %d clients authenticated at once after %d ms; server threads %d -> %d, "
                        + "live heap %d -> %d MiB (%d KiB per connection)%n", connectedAtOnce, millisSince(dialing),
                        baseThreads, heldThreads, baseHeap, heldHeap, (heldHeap - baseHeap) * 1024 / CLIENTS);
                assertThat(connectedAtOnce).as("clients authenticated and holding their connections at once").isEqualTo(CLIENTS);
                // Idle authenticated peers are parked: they hold their connection and slot, not a thread each.
                assertThat(heldThreads - baseThreads).as("server threads added while every client is held idle").isLessThan(CLIENTS / 2);
                assertThat(heldHeap).as("server heap with %d idle connections (MiB)", CLIENTS)
                        .isLessThanOrEqualTo(baseHeap + CLIENTS * PER_CONNECTION_KIB / 1024 + SLACK_MIB);
                long transferring = System.nanoTime();
                at.go().countDown();

                // Every big GET half-way through, every other client done: the server holds only those GETs. Had
                // it read whole objects into memory to send them, their sizes would be on its heap now.
                LoadClient.await(at.midway());
                LoadClient.await(at.othersDone());
                long midwayBound = baseHeap + work.bigGets() * PER_CONNECTION_KIB / 1024 + SLACK_MIB;
                assertThat(bigGetBytes >> 20).as("big GETs outweigh the bound, so whole-object buffering cannot meet it")
                        .isGreaterThan(midwayBound - baseHeap);
                long midwayHeap = eventuallyAtMost(serve, midwayBound);
                System.out.printf("ScaleIT: %d big GETs half-way: live heap %d MiB (bound %d MiB, their objects %d MiB)%n",
                        work.bigGets(), midwayHeap, midwayBound, bigGetBytes >> 20);
                assertThat(midwayHeap).as("server heap with %d big GETs half-way (MiB)", work.bigGets()).isLessThanOrEqualTo(midwayBound);
                at.resume().countDown();

                List<String> failures = new ArrayList<>();
                long verified = 0;
                for (int i = 0; i < CLIENTS; i++) {
                    try {
                        verified += results.get(i).get(LoadClient.CHECKPOINT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (ExecutionException e) {
                        failures.add("client " + i + ": " + e.getCause());
                    }
                }
                System.out.printf("ScaleIT: transfers done %d ms after the release%n", millisSince(transferring));
                assertThat(failures).as("clients that failed").isEmpty();

                for (int i = 0; i < CLIENTS; i++) {
                    var stored = server.locate(puts[i].key());
                    assertThat(stored.isDefined()).as("PUT object %s in the server's store", puts[i].key()).isTrue();
                    assertThat(Workload.sha256Of(stored.get())).as("SHA-256 of stored %s", puts[i].key()).isEqualTo(puts[i].sha256());
                    verified += work.jobs().get(i).putSize();
                }
                assertThat(verified).isEqualTo(work.totalBytes());

                // Once every connection has ended, nothing of them may remain: not their threads (idle handler
                // threads time out after 30 s), not their buffers, not their objects.
                int threadBound = baseThreads + THREAD_SLACK;
                int endThreads = eventuallyThreadsAtMost(serve, threadBound);
                System.out.printf("ScaleIT: server threads %d once idle (base %d)%n", endThreads, baseThreads);
                assertThat(endThreads).as("server threads after every connection ended").isLessThanOrEqualTo(threadBound);
                long endBound = baseHeap + 16;
                long endHeap = eventuallyAtMost(serve, endBound);
                long peak = serve.peakHeapAfterCollectionsMiB();
                long peakBound = baseHeap + CLIENTS * PER_CONNECTION_KIB / 1024 + SLACK_MIB;
                System.out.printf("ScaleIT: %d MiB verified by SHA-256 (%d bytes); server live heap at the end %d MiB "
                        + "(base %d); peak heap after any of %d collections %d MiB (bound %d); %d ms in all%n",
                        verified >> 20, verified, endHeap, baseHeap, serve.collectionCount(), peak, peakBound, millisSince(started));
                System.out.printf("ScaleIT: server resident memory %s%n", serve.residentMemory());
                assertThat(endHeap).as("server heap after every connection ended (MiB)").isLessThanOrEqualTo(endBound);
                assertThat(peak).as("server heap surviving any collection during the run (MiB)").isLessThanOrEqualTo(peakBound);
                assertThat(serve.stderr().lines().filter(l -> !l.startsWith("serving ")))
                        .as("server warnings (a failed connection is logged)").isEmpty();
            } finally {
                at.go().countDown();
                at.resume().countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aServerAtItsCapRefusesExactlyTheExcessCleanlyAndServesAgainOnceFree() throws Exception {
        GitAnnex.requireInstalled();
        int cap = 50;
        int clients = 200;
        Served capped = serverRepository();
        Path repo = capped.dir();
        AuthToken token = capped.token();
        Workload work = Workload.plan(Long.getLong("scale.seed", System.nanoTime()), 1);
        Path files = Files.createDirectories(tmp.resolve("clients"));
        Workload.Written object = stageInStore(capped.repository(), work.write(work.jobs().get(0), false, files.resolve("staged")));

        try (ServerProcess serve = ServerProcess.start(repo, cap, tmp.resolve("logs"));
                TcpTransport tcp = new TcpTransport()) {
            CappedClient client = new CappedClient(tcp, serve.address(), token, REFUSAL);
            ExecutorService pool = Executors.newFixedThreadPool(clients, named("capped client"));
            CountDownLatch answered = new CountDownLatch(clients);
            CountDownLatch release = new CountDownLatch(1);
            ConcurrentLinkedQueue<CappedClient.Answer> answers = new ConcurrentLinkedQueue<>();
            List<Future<CappedClient.Answer>> results = new ArrayList<>();
            long started = System.nanoTime();
            try {
                for (int i = 0; i < clients; i++) {
                    Path into = files.resolve("got-" + i);
                    results.add(pool.submit(() -> client.run(object, into, release, a -> {
                        answers.add(a);
                        answered.countDown();
                    })));
                }
                LoadClient.await(answered);
                long served = answers.stream().filter(a -> a.kind() == CappedClient.Answer.Kind.SERVED).count();
                List<CappedClient.Answer> refused = answers.stream().filter(a -> a.kind() == CappedClient.Answer.Kind.REFUSED).toList();
                List<CappedClient.Answer> broken = answers.stream().filter(a -> a.kind() == CappedClient.Answer.Kind.BROKEN).toList();
                System.out.printf("ScaleIT: cap %d, %d clients at once: %d served, %d refused, %d broken, in %d ms%n",
                        cap, clients, served, refused.size(), broken.size(), millisSince(started));
                assertThat(broken).as("connections that got neither service nor the refusal and a clean end").isEmpty();
                assertThat(served).as("clients served while all hold their connections").isEqualTo(cap);
                assertThat(refused).as("refused clients").hasSize(clients - cap)
                        .allSatisfy(a -> assertThat(a.trailing()).as("bytes after the refusal line").isEmpty());
                release.countDown();
                for (Future<CappedClient.Answer> r : results) {
                    assertThat(r.get(LoadClient.CHECKPOINT_BOUND.toMillis(), TimeUnit.MILLISECONDS).kind())
                            .isIn(CappedClient.Answer.Kind.SERVED, CappedClient.Answer.Kind.REFUSED);
                }
                // Refused on arrival (too many authenticating) or on authenticating (every slot taken), one line each.
                assertThat(serve.stderr().lines().filter(l -> l.contains(": refused: ")))
                        .as("refusals the server logged").hasSize(clients - cap);

                // The holders are gone; a full cap of new clients is served (a slot is free again once the
                // server has seen its holder hang up, so a client refused in that instant retries).
                AtomicInteger retries = new AtomicInteger();
                List<Future<Boolean>> again = new ArrayList<>();
                for (int i = 0; i < cap; i++) {
                    Path into = files.resolve("again-" + i);
                    again.add(pool.submit(() -> {
                        for (int attempt = 0; attempt < 50; attempt++) {
                            CappedClient.Answer a = client.run(object, into, new CountDownLatch(0), x -> { });
                            if (a.kind() == CappedClient.Answer.Kind.SERVED) {
                                return true;
                            }
                            assertThat(a.kind()).as("%s", a).isEqualTo(CappedClient.Answer.Kind.REFUSED);
                            retries.incrementAndGet();
                            Thread.sleep(100);
                        }
                        return false;
                    }));
                }
                for (Future<Boolean> f : again) {
                    assertThat(f.get(LoadClient.CHECKPOINT_BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("a new client was served").isTrue();
                }
                System.out.printf("ScaleIT: after the holders left, %d new clients served (%d refused attempts retried)%n", cap, retries.get());
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    /** A git-annex repository for {@code serve}, with one token it accepts. */
    private record Served(Path dir, AnnexRepository repository, AuthToken token) {}

    private Served serverRepository() throws Exception {
        Path dir = GitAnnex.initRepo(tmp.resolve("server"), "server");
        AnnexRepository repository = AnnexRepository.open(dir);
        AuthToken token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        repository.creds().addAcceptedToken(token);
        return new Served(dir, repository, token);
    }

    /** Moves written content into the server's object store, where git-annex would keep it, before it serves. */
    private static Workload.Written stageInStore(AnnexRepository server, Workload.Written w) throws Exception {
        Path object = server.objectPath(w.key());
        Files.createDirectories(object.getParent());
        Files.move(w.file(), object);
        return new Workload.Written(w.key(), w.sha256(), object);
    }

    /** Server threads, counted until they are within {@code bound} or a minute has passed. */
    private static int eventuallyThreadsAtMost(ServerProcess serve, int bound) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        int threads = serve.threads();
        while (threads > bound && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            threads = serve.threads();
        }
        return threads;
    }

    /** Live heap, measured until it is within {@code bound}: connections that just ended take a moment to go. */
    private static long eventuallyAtMost(ServerProcess serve, long bound) throws Exception {
        long heap = serve.liveHeapMiB();
        for (int attempt = 0; attempt < 10 && heap > bound; attempt++) {
            Thread.sleep(500);
            heap = serve.liveHeapMiB();
        }
        return heap;
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + " " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
