package org.annexp2p.repository.refs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NOTIFYCHANGE's watcher against a real git repository: the first answer is every ref, then each change. */
class RefWatcherIT {
    @TempDir
    Path repo;

    String git(String... args) throws Exception {
        return new TemporaryRepository(repo).git(args).out().strip();
    }

    @Test
    void firstAnswerListsAllRefsThenEachChangeArrives() throws Exception {
        TemporaryRepository.git(repo);
        git("commit", "-q", "--allow-empty", "-m", "one");
        String one = git("rev-parse", "HEAD");
        try (RefWatcher w = RefWatcher.open(repo.resolve(".git"))) {
            assertThat(w.next().shas()).containsExactly(one);
            CompletableFuture<ChangedRefs> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return w.next();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            git("commit", "-q", "--allow-empty", "-m", "two");
            String two = git("rev-parse", "HEAD");
            assertThat(next.get(30, TimeUnit.SECONDS).shas()).contains(two).doesNotContain(one);
            CompletableFuture<ChangedRefs> branch = CompletableFuture.supplyAsync(() -> {
                try {
                    return w.next();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            git("branch", "feature/x", one);
            assertThat(branch.get(30, TimeUnit.SECONDS).shas()).containsExactly(one);
        }
    }
}
