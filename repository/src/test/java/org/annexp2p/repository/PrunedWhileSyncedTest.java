package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
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
 * that is gone. The test removes the key once it sees the object renamed into its directory (a watch on that directory,
 * set while the store asks for its held sync thread), so it waits on that event rather than polling for it.
 */
class PrunedWhileSyncedTest {
    @TempDir
    Path dir;

    @Test
    void aStoreWhoseNewDirectoriesARemovalPrunedBeforeTheirSyncStillEnds() throws Exception {
        AnnexInit.at(dir);
        byte[] content = "stored, then removed while its directories were still being synced\n".getBytes();
        Key key = AnnexedContent.sha256e(content, ".txt");
        CountDownLatch syncMayRun = new CountDownLatch(1);
        try (WatchService watcher = dir.getFileSystem().newWatchService()) {
            AnnexRepository[] opened = new AnnexRepository[1];
            // The store asks for its sync thread after making the key's directory and before moving the object into
            // it (on its own thread, so before the move): watching that directory from here sees the move happen.
            DirectorySyncs held = new DirectorySyncs(body -> {
                watch(watcher, opened[0], key);
                Thread t = new Thread(() -> {
                    awaitQuietly(syncMayRun);
                    body.run();
                }, "held directory sync");
                t.setDaemon(true);
                return t;
            });
            AnnexRepository repo = AnnexRepository.open(dir, Clock.systemUTC(), () -> held);
            opened[0] = repo;
            Path object = repo.objectPath(key);
            Path hashDir = object.getParent().getParent();

            CompletableFuture<Boolean> stored = CompletableFuture.supplyAsync(() -> store(repo, key, content));
            awaitCreated(watcher, object.getFileName(), stored);
            assertThat(repo.locate(key)).as("the object in place, its directories' sync held").isNotEmpty();
            assertThat(repo.removeContent(key, () -> true)).isTrue();
            assertThat(hashDir).as("the removal pruned a directory the store made").doesNotExist();

            syncMayRun.countDown();
            assertThat(stored.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(repo.locate(key)).isEqualTo(Option.none());
        } finally {
            syncMayRun.countDown();
        }
    }

    private static void watch(WatchService watcher, AnnexRepository repo, Key key) {
        try {
            repo.objectPath(key).getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until {@code name} is created in the watched directory (a rename into it counts); 60 s as a safety net. */
    private static void awaitCreated(WatchService watcher, Path name, CompletableFuture<?> store) throws Exception {
        while (true) {
            WatchKey events = watcher.poll(60, TimeUnit.SECONDS);
            assertThat(events).as("the object moved into place (the store: %s)", store).isNotNull();
            for (WatchEvent<?> event : events.pollEvents()) {
                if (name.equals(event.context())) {
                    return;
                }
            }
            assertThat(events.reset()).as("the key's directory still watched").isTrue();
        }
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
