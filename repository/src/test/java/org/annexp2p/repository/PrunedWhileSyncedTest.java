package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store syncs the directories it made beside the object's own fsync, and a removal of the same key may prune them
 * before that sync reaches them (ConcurrentConnectionsIT met it): the store must still end, not fail on a directory
 * that is gone.
 */
class PrunedWhileSyncedTest {
    @TempDir
    Path dir;

    @Test
    void aStoreWhoseNewDirectoriesARemovalPrunedBeforeTheirSyncStillEnds() throws Exception {
        CountDownLatch syncMayRun = new CountDownLatch(1);
        DirectorySyncs held = new DirectorySyncs(body -> {
            Thread t = new Thread(() -> {
                awaitQuietly(syncMayRun);
                body.run();
            }, "held directory sync");
            t.setDaemon(true);
            return t;
        });
        AnnexInit.at(dir);
        AnnexRepository repo = AnnexRepository.open(dir, Clock.systemUTC(), () -> held);
        byte[] content = "stored, then removed while its directories were still being synced\n".getBytes();
        Key key = AnnexedContent.sha256e(content, ".txt");
        Path hashDir = repo.objectPath(key).getParent().getParent();

        CompletableFuture<Boolean> stored = CompletableFuture.supplyAsync(() -> store(repo, key, content));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (repo.locate(key).isEmpty() && !stored.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(repo.locate(key)).as("the object in place, its directories' sync held").isNotEmpty();
        assertThat(repo.removeContent(key, () -> true)).isTrue();
        assertThat(hashDir).as("the removal pruned a directory the store made").doesNotExist();

        syncMayRun.countDown();
        assertThat(stored.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(repo.locate(key)).isEqualTo(Option.none());
    }

    private static boolean store(AnnexRepository repo, Key key, byte[] content) {
        try (Transfer t = repo.beginTransfer(new Destination.ObjectStore(key)).get()) {
            t.write(Offset.ZERO, Len.of(content.length), new ByteArrayInputStream(content));
            return t.finish(Option.some(Validity.VALID));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
