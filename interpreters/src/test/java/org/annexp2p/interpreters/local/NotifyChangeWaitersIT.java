package org.annexp2p.interpreters.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's NOTIFYCHANGE waiters on one repository, as many connections make them: more than Linux's default
 * 128 inotify instances per user, all woken by one ref change, holding one inotify instance between them.
 */
class NotifyChangeWaitersIT {
    static final int WAITERS = 200;
    static final String CHANGED = "3333333333333333333333333333333333333333";

    @TempDir
    Path tmp;

    @AfterEach
    void thaw() {
        GitAnnexFixture.thawAll(tmp);
    }

    @Test
    void moreWaitersThanTheInotifyLimitShareOneInstance() throws Exception {
        AnnexRepository repo = AnnexRepository.open(GitAnnexFixture.newRepository(tmp, "r", false));
        Files.writeString(repo.gitDir().resolve("refs/heads/existing"), "1111111111111111111111111111111111111111\n");
        long before = inotifyInstances();
        List<RepositoryLocal> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WAITERS);
        try {
            CountDownLatch waiting = new CountDownLatch(WAITERS);
            List<Future<ChangedRefs>> answers = new ArrayList<>();
            for (int i = 0; i < WAITERS; i++) {
                RepositoryLocal l = RepositoryLocal.withChangeNotification(repo);
                connections.add(l);
                answers.add(pool.submit(() -> {
                    l.waitRefChange(new Local.WaitRefChange());
                    waiting.countDown();
                    return l.waitRefChange(new Local.WaitRefChange());
                }));
            }
            // A waiter that failed to watch would never count down: collect its failure instead of waiting forever.
            while (!waiting.await(100, TimeUnit.MILLISECONDS)) {
                for (Future<ChangedRefs> a : answers) {
                    if (a.isDone()) {
                        a.get();
                    }
                }
            }
            assertThat(inotifyInstances() - before).as("inotify instances for %d waiters", WAITERS).isEqualTo(1);
            Files.writeString(repo.gitDir().resolve("refs/heads/changed"), CHANGED + "\n");
            for (Future<ChangedRefs> a : answers) {
                assertThat(a.get(60, TimeUnit.SECONDS).shas()).contains(CHANGED);
            }
        } finally {
            pool.shutdownNow();
            connections.forEach(RepositoryLocal::close);
        }
        assertThat(inotifyInstances()).as("inotify instances once every waiter left").isEqualTo(before);
    }

    private static long inotifyInstances() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
