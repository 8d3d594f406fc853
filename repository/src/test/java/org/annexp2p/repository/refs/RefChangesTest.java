package org.annexp2p.repository.refs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every NOTIFYCHANGE waiter on a repository shares one watch, which lives exactly as long as someone waits. */
class RefChangesTest {
    static final String FIRST = "1111111111111111111111111111111111111111";
    static final String CHANGED = "2222222222222222222222222222222222222222";

    @TempDir
    Path git;

    /** Watch services made through the registry under test, so they can be counted and checked for closing. */
    final List<WatchService> opened = new ArrayList<>();
    final RefChanges.Registry registry = new RefChanges.Registry(() -> {
        WatchService w = FileSystems.getDefault().newWatchService();
        synchronized (opened) {
            opened.add(w);
        }
        return w;
    });

    @Test
    void manyWaitersShareOneWatchAndAllHearOneChange() throws Exception {
        Files.createDirectories(git.resolve("refs/heads"));
        Files.writeString(git.resolve("refs/heads/main"), FIRST + "\n");
        int waiters = 300;
        List<RefWatcher> all = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            all.add(registry.join(git));
        }
        ExecutorService pool = Executors.newFixedThreadPool(waiters);
        try {
            CountDownLatch scanned = new CountDownLatch(waiters);
            List<Future<ChangedRefs>> answers = new ArrayList<>();
            for (RefWatcher w : all) {
                answers.add(pool.submit(() -> {
                    assertThat(w.next().shas()).as("the first answer: every ref").containsExactly(FIRST);
                    scanned.countDown();
                    return w.next();
                }));
            }
            assertThat(scanned.await(60, TimeUnit.SECONDS)).isTrue();
            Files.writeString(git.resolve("refs/heads/feature"), CHANGED + "\n");
            for (Future<ChangedRefs> a : answers) {
                assertThat(a.get(60, TimeUnit.SECONDS).shas()).containsExactly(CHANGED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(opened).as("watch services for %d waiters", waiters).hasSize(1);
        all.forEach(RefWatcher::close);
    }

    @Test
    void theWatchClosesWhenTheLastWaiterLeavesAndOpensAgainForTheNext() throws Exception {
        Files.createDirectories(git.resolve("refs/heads"));
        RefWatcher first = registry.join(git);
        RefWatcher second = registry.join(git);
        assertThat(opened).hasSize(1);
        WatchService watch = opened.get(0);

        first.close();
        first.close();
        assertThat(watch.poll()).as("still open while one waits").isNull();
        // The one that left hears nothing more; the one that stays still does.
        Files.writeString(git.resolve("refs/heads/x"), CHANGED + "\n");
        assertThat(second.next().shas()).containsExactly(CHANGED);
        assertThatThrownBy(first::next).isInstanceOf(IOException.class).hasMessage("change notification closed");

        second.close();
        assertThatThrownBy(watch::poll).isInstanceOf(ClosedWatchServiceException.class);

        RefWatcher third = registry.join(git);
        assertThat(opened).as("a fresh watch for a waiter after the last left").hasSize(2);
        third.close();
        assertThatThrownBy(opened.get(1)::poll).isInstanceOf(ClosedWatchServiceException.class);
    }

    @Test
    void closingFromAnotherThreadEndsAWaitInProgress() throws Exception {
        Files.createDirectories(git.resolve("refs/heads"));
        RefWatcher w = registry.join(git);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // No refs: the first call waits too.
            Future<ChangedRefs> waiting = pool.submit(w::next);
            w.close();
            assertThatThrownBy(() -> waiting.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("change notification closed");
        } finally {
            pool.shutdownNow();
        }
    }
}
