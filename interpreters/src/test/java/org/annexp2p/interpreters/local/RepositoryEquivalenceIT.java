package org.annexp2p.interpreters.local;

import org.annexp2p.testkit.content.TestPayload;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.testkit.content.AnnexedContent;

/**
 * Model-based: random sequences of Local instructions, over several connections, run against the in-memory
 * repository (the model) and a real git-annex repository. Every answer and every observable state after
 * every step must be the same, so the simulation's repository is a faithful stand-in for the disk one.
 */
class RepositoryEquivalenceIT {
    private static Path tmp;
    private static AnnexRepository disk;
    private static int run;

    @BeforeContainer
    static void createRepository() throws IOException {
        tmp = Files.createTempDirectory("repository-equivalence-it");
        disk = AnnexRepository.open(GitAnnexFixture.newRepository(tmp, "repo", false),
                Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC));
    }

    @AfterContainer
    static void deleteRepository() throws IOException {
        GitAnnexFixture.deleteTree(tmp);
    }

    sealed interface Step {}

    /** Sends the rest of the content from the current partial size; the peer dies after {@code deliverPermille}. */
    record Write(int conn, int key, int deliverPermille, boolean corrupt) implements Step {}

    record Finish(int conn, int key, Option<Validity> validity) implements Step {}

    /** A whole PUT: the rest of the content from the partial size, then finish — the common path. */
    record Put(int conn, int key, Option<Validity> validity) implements Step {}

    record Lock(int conn, int key) implements Step {}

    record Unlock(int conn, int key) implements Step {}

    record Remove(int conn, int key, Option<Long> before) implements Step {}

    record SetPresent(int key, int uuid) implements Step {}

    record Drop(int conn) implements Step {}

    private static final int CONNECTIONS = 2;
    private static final int KEYS = 3;
    private static final List<Uuid> UUIDS = List.of(new Uuid("11111111-2222-3333-4444-555555555555"),
            new Uuid("62824c8f-daf0-4533-afb2-f5f8d12e01a8"));

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Integer> conn = Arbitraries.frequency(Tuple.of(4, 0), Tuple.of(1, 1));
        // Few keys, mostly whole deliveries: sequences must often reach stored content to lock and remove it.
        Arbitrary<Integer> key = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1),
                Tuple.of(2, 2));
        Arbitrary<Integer> delivered = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers()
                .between(0, 999)), Tuple.of(2, Arbitraries.just(1000)));
        Arbitrary<Option<Validity>> validity = Arbitraries.of(Option.some(Validity.VALID),
                Option.some(Validity.INVALID), Option.none());
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(conn, key, validity).as(Put::new)),
                Tuple.of(1, Combinators.combine(conn, key, delivered, Arbitraries.of(false, false, false, true))
                        .as(Write::new)),
                Tuple.of(1, Combinators.combine(conn, key, validity).as(Finish::new)),
                Tuple.of(2, Combinators.combine(conn, key).as(Lock::new)),
                Tuple.of(1, Combinators.combine(conn, key).as(Unlock::new)),
                Tuple.of(2, Combinators.combine(conn, key,
                        Arbitraries.longs().between(999, 1001).optional(0.4).map(Option::ofOptional)).as(Remove::new)),
                Tuple.of(1, Combinators.combine(key, Arbitraries.integers().between(0, UUIDS.size() - 1))
                        .as(SetPresent::new)),
                Tuple.of(1, conn.map(Drop::new)));
        return step.list().ofMinSize(1).ofMaxSize(30);
    }

    /** One side of the comparison: a repository and its open connections. */
    private static final class Side {
        final Repository repo;
        final RepositoryLocal[] conns = new RepositoryLocal[CONNECTIONS];

        Side(Repository repo) {
            this.repo = repo;
            for (int i = 0; i < CONNECTIONS; i++) {
                conns[i] = connect();
            }
        }

        RepositoryLocal connect() {
            return new RepositoryLocal(repo, () -> MonotonicTimestamp.of(1000),
                    Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC));
        }

        void closeAll() {
            for (RepositoryLocal c : conns) {
                c.close();
            }
        }
    }

    @Property(tries = 60)
    void memoryAndDiskRepositoriesAnswerAlike(@ForAll("steps") List<Step> steps) throws IOException {
        int id = ++run;
        List<byte[]> contents = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        Random random = new Random(id);
        for (int k = 0; k < KEYS; k++) {
            byte[] c = new byte[1 + random.nextInt(70_000)];
            random.nextBytes(c);
            contents.add(c);
            keys.add(k == 2 ? Key.of("WORM", c.length, "equivalence-" + id + "-" + System.nanoTime())
                    : AnnexedContent.sha256e(c, ".r" + id));
        }
        Side model = new Side(new MemoryRepository(disk.uuid()));
        Side real = new Side(disk);
        try {
            for (Step step : steps) {
                String expected = perform(model, step, keys, contents);
                String actual = perform(real, step, keys, contents);
                assertThat(actual).as("answer to %s", step).isEqualTo(expected);
                for (Key key : keys) {
                    assertThat(observe(real.repo, key)).as("state of %s after %s", key, step)
                            .isEqualTo(observe(model.repo, key));
                }
            }
        } finally {
            model.closeAll();
            real.closeAll();
        }
    }

    private static String observe(Repository repo, Key key) throws IOException {
        return "content=" + repo.contentSize(key) + " partial=" + repo.partialSize(new Destination.ObjectStore(key))
                + " locations=" + new java.util.TreeSet<>(repo.locations(key).stream().map(Uuid::value).toList());
    }

    private static String perform(Side side, Step step, List<Key> keys, List<byte[]> contents) {
        try {
            return switchOn(side, step, keys, contents);
        } catch (IOException | RuntimeException e) {
            return "threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String switchOn(Side side, Step step, List<Key> keys, List<byte[]> contents) throws IOException {
        if (step instanceof Write w) {
            Key key = keys.get(w.key());
            byte[] content = contents.get(w.key());
            RepositoryLocal l = side.conns[w.conn()];
            io.vavr.control.Either<String, org.annexp2p.protocol.wire.Len> claim = l.claimWait(java.time.Duration.ZERO)
                    .claimTransfer(new Local.ClaimTransfer(key));
            if (claim.isLeft()) {
                return "refused: " + claim.getLeft();
            }
            long offset = Math.min(content.length, claim.get().value());
            byte[] rest = Arrays.copyOfRange(content, (int) offset, content.length);
            if (w.corrupt() && rest.length > 0) {
                rest[rest.length / 2] ^= 0x40;
            }
            int delivered = (int) ((long) rest.length * w.deliverPermille() / 1000);
            Payload p = TestPayload.truncated(rest.length, Arrays.copyOf(rest, delivered));
            return "wrote " + l.writeContent(new Local.WriteContent(new Destination.ObjectStore(key),
                    AssociatedFile.NONE, Offset.of(offset), p.length(), p)).value();
        }
        if (step instanceof Put p) {
            String wrote = switchOn(side, new Write(p.conn(), p.key(), 1000, false), keys, contents);
            return wrote + ", " + switchOn(side, new Finish(p.conn(), p.key(), p.validity()), keys, contents);
        }
        if (step instanceof Finish f) {
            return "finished " + side.conns[f.conn()].finishContent(
                    new Local.FinishContent(new Destination.ObjectStore(keys.get(f.key())), f.validity()));
        }
        if (step instanceof Lock k) {
            return "locked " + side.conns[k.conn()].lockContent(new Local.LockContent(keys.get(k.key())));
        }
        if (step instanceof Unlock u) {
            side.conns[u.conn()].unlockContent(new Local.UnlockContent(keys.get(u.key())));
            return "unlocked";
        }
        if (step instanceof Remove r) {
            return "removed " + side.conns[r.conn()].removeContent(new Local.RemoveContent(keys.get(r.key()),
                    r.before().map(MonotonicTimestamp::of)));
        }
        if (step instanceof SetPresent s) {
            side.repo.recordPresence(keys.get(s.key()), UUIDS.get(s.uuid()), true);
            return "recorded";
        }
        Drop d = (Drop) step;
        side.conns[d.conn()].close();
        side.conns[d.conn()] = side.connect();
        return "dropped";
    }
}
