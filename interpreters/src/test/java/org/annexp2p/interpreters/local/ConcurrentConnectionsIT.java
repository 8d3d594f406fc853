package org.annexp2p.interpreters.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.objects.Verdict;
import org.annexp2p.repository.objects.Verification;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.annex.GitAnnexVersions.Release;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.content.TestKeys;
import org.annexp2p.testkit.content.TestPayload;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many connections at once on one git-annex repository, as a server with concurrent clients sees it. */
class ConcurrentConnectionsIT {
    @TempDir
    Path tmp;

    @AfterEach
    void thaw() {
        GitAnnexFixture.thawAll(tmp);
    }

    @Test
    void concurrentPutsLocksAndRemovesKeepTheStoreConsistent() throws Exception {
        Path dir = GitAnnexFixture.newRepository(tmp, "r", false);
        AnnexRepository repo = AnnexRepository.open(dir);
        Random seed = new Random(42);
        List<byte[]> contents = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] c = new byte[50_000 + seed.nextInt(50_000)];
            seed.nextBytes(c);
            contents.add(c);
            keys.add(AnnexedContent.sha256e(c, ".c" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            long workerSeed = seed.nextLong();
            workers.add(pool.submit(() -> work(repo, keys, contents, new Random(workerSeed))));
        }
        int operations = 0;
        try {
            for (Future<Integer> f : workers) {
                operations += f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(operations).isEqualTo(6 * 40);
        for (Key key : keys) {
            Option<Path> object = repo.locate(key);
            // The location log agrees with the store: we are logged as having exactly what we have.
            assertThat(repo.locations(key).contains(repo.uuid())).as("logged as present: %s", key)
                    .isEqualTo(object.isDefined());
            if (object.isDefined()) {
                assertThat(Verification.verify(key, Files.readAllBytes(object.get()))).isEqualTo(new Verdict.Verified());
                // The store is one set-up; each release's fsck checks it.
                for (Release release : GitAnnexVersions.both()) {
                    GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "fsck", "--quiet",
                            "--key=" + key.serialize());
                }
            }
        }
        for (Key key : keys) {
            try (RepositoryLocal l = new RepositoryLocal(repo)) {
                assertThat(l.removeContent(new Local.RemoveContent(key, Option.none())))
                        .as("every lock was released").isTrue();
            }
            assertThat(repo.locations(key)).doesNotContain(repo.uuid());
        }
        try (Stream<Path> left = Files.walk(repo.annexDir().resolve("objects"))) {
            assertThat(left.filter(Files::isRegularFile)).as("no objects or lock files left").isEmpty();
        }
    }

    /** 40 random steps by one connection (replaced by a fresh one now and then, as clients come and go). */
    private static int work(AnnexRepository repo, List<Key> keys, List<byte[]> contents, Random r) throws IOException {
        RepositoryLocal l = new RepositoryLocal(repo);
        try {
            for (int step = 0; step < 40; step++) {
                int k = r.nextInt(keys.size());
                Key key = keys.get(k);
                switch (r.nextInt(5)) {
                    case 0, 1 -> put(l, key, contents.get(k), r);
                    case 2 -> l.lockContent(new Local.LockContent(key));
                    case 3 -> l.unlockContent(new Local.UnlockContent(key));
                    default -> {
                        l.removeContent(new Local.RemoveContent(key, Option.none()));
                        if (r.nextInt(4) == 0) {
                            l.close();
                            l = new RepositoryLocal(repo);
                        }
                    }
                }
                readIfPresent(repo, key, contents.get(k));
            }
            return 40;
        } finally {
            l.close();
        }
    }

    private static void put(RepositoryLocal l, Key key, byte[] content, Random r) throws IOException {
        Destination d = new Destination.ObjectStore(key);
        if (l.checkContentPresent(new Local.CheckContentPresent(key))) {
            return;
        }
        io.vavr.control.Either<String, org.annexp2p.protocol.wire.Len> claim = l.claimWait(java.time.Duration.ZERO)
                .claimTransfer(new Local.ClaimTransfer(key));
        if (claim.isLeft()) {
            // Another connection is receiving it: the server refuses this PUT before any bytes.
            return;
        }
        long offset = Math.min(content.length, claim.get().value());
        byte[] rest = Arrays.copyOfRange(content, (int) offset, content.length);
        int delivered = r.nextBoolean() ? rest.length : r.nextInt(rest.length + 1);
        Payload p = TestPayload.truncated(rest.length, Arrays.copyOf(rest, delivered));
        l.writeContent(new Local.WriteContent(d, AssociatedFile.NONE, Offset.of(offset), p.length(), p));
        if (l.finishContent(new Local.FinishContent(d, Option.some(Validity.VALID)))) {
            l.setPresent(new Local.SetPresent(key, l.repository().uuid()));
        }
    }

    /** Whatever is visible as content is the whole, right content — never a partial or torn object. */
    private static void readIfPresent(AnnexRepository repo, Key key, byte[] content) throws IOException {
        Option<Payload> p = repo.readContent(key, Offset.ZERO);
        if (p.isDefined()) {
            try (InputStream in = p.get().stream()) {
                byte[] got = in.readAllBytes();
                if (repo.checkUnchanged(p.get()) == Validity.VALID) {
                    assertThat(got).isEqualTo(content);
                }
            }
        }
    }
}
