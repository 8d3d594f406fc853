package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Executors;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 10-minute rule, with the timer in the test's hands: the lock's end is an event, not a wait. */
@org.junit.jupiter.api.Timeout(60)
class HeldLocksTest {
    private final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final Key key = GitAnnexKeys.all().stream().filter(k -> k.size().get() == 64).findFirst().orElseThrow();
    private final java.util.List<Runnable> due = new ArrayList<>();
    private final java.util.List<Duration> delays = new ArrayList<>();
    private final HeldLocks locks = new HeldLocks((after, task) -> {
        delays.add(after);
        due.add(task);
    }, 10);
    private final java.util.concurrent.ExecutorService threads = Executors.newCachedThreadPool();
    private final Pipes pipes = pipes();

    private static Pipes pipes() {
        try {
            return new Pipes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        locks.releaseAll();
        pipes.close();
        threads.shutdownNow();
    }

    private String lock() throws Exception {
        repository.putContent(key, GitAnnexKeys.content(key));
        Conversation c = Conversation.open(pipes, threads, repository, ServerMode.READ_WRITE, ProtocolVersion.V3, List.empty()).get();
        assertThat(c.run(org.annexp2p.protocol.conversation.Client.lock(key), RequestSide.NONE).get()).isTrue();
        return locks.hold(c);
    }

    /** The repository's side runs on its own thread: the lock is gone once its conversation has ended there. */
    private void awaitUnlocked() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (repository.lockCount(key) > 0) {
            assertThat(System.nanoTime()).as("the lock was released within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aLockNobodyKeepsEndsTenMinutesAfterItWasTaken() throws Exception {
        String id = lock();
        assertThat(delays).containsExactly(Duration.ofMinutes(10));
        assertThat(repository.lockCount(key)).isEqualTo(1);
        due.get(0).run();
        awaitUnlocked();
        assertThat(locks.count()).isZero();
        assertThat(locks.keep(id)).isFalse();
    }

    @Test
    void aKeptLockOutlivesItsTimeAndEndsWhenTheKeeperGoes() throws Exception {
        String id = lock();
        assertThat(locks.keep(id)).isTrue();
        due.get(0).run();
        assertThat(repository.lockCount(key)).as("kept past its ten minutes").isEqualTo(1);
        locks.stopKeeping(id);
        awaitUnlocked();
        assertThat(locks.count()).isZero();
    }

    @Test
    void aKeeperThatDropsBeforeTheTimeLeavesTheLockUntilThen() throws Exception {
        String id = lock();
        assertThat(locks.keep(id)).isTrue();
        locks.stopKeeping(id);
        assertThat(repository.lockCount(key)).isEqualTo(1);
        due.get(0).run();
        awaitUnlocked();
    }

    @Test
    void releasingUnlocksAtOnce() throws Exception {
        String id = lock();
        locks.release(id);
        awaitUnlocked();
        due.get(0).run();
        assertThat(locks.count()).isZero();
    }
}
