package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.locationlog.BranchJournal;
import org.annexp2p.testkit.annex.GitAnnexVersions.Release;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The location log shared with each git-annex release: its journal, its locking, its uncommitted changes. */
class LocationLogIT {
    private static final Key KEY = Key.of("WORM", 5, "location-log-it");

    @TempDir
    Path tmp;

    @AfterEach
    void thaw() {
        GitAnnexFixture.thawAll(tmp);
    }

    private static Uuid uuid(int i) {
        return new Uuid(String.format("00000000-0000-4000-8000-%012d", i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void weReadWhatGitAnnexLeftUncommittedInTheJournal(Release release) throws Exception {
        Path dir = GitAnnexFixture.newRepository(release.env(), tmp, "r", false);
        GitAnnexFixture.ok(release.env(), dir, null, "git", "-c", "annex.alwayscommit=false", "annex", "setpresentkey",
                KEY.serialize(), uuid(1).value(), "1");
        assertThat(dir.resolve(".git/annex/journal").resolve(
                BranchJournal.journalFileName(BranchJournal.locationLogPath(KEY)))).exists();
        AnnexRepository repo = AnnexRepository.open(dir);
        assertThat(repo.locations(KEY)).containsExactly(uuid(1));
        repo.recordPresence(KEY, uuid(2), true);
        assertThat(GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "whereis", "--key=" + KEY.serialize()))
                .contains("(2 copies)").contains(uuid(1).value()).contains(uuid(2).value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void concurrentWritersInThisProcessAndInGitAnnexLoseNothing(Release release) throws Exception {
        Path dir = GitAnnexFixture.newRepository(release.env(), tmp, "r", false);
        AnnexRepository repo = AnnexRepository.open(dir);
        AnnexRepository sameRepoOtherInstance = AnnexRepository.open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                AnnexRepository r = i % 2 == 0 ? repo : sameRepoOtherInstance;
                writers.add(pool.submit(() -> {
                    r.recordPresence(KEY, uuid(n), true);
                    return null;
                }));
            }
            // Meanwhile git-annex itself records other repositories, taking the same journal lock.
            for (int i = 100; i < 104; i++) {
                GitAnnexFixture.ok(release.env(), dir, null, "git", "-c", "annex.alwayscommit=false", "annex",
                        "setpresentkey", KEY.serialize(), uuid(i).value(), "1");
            }
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        List<Uuid> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add(uuid(i));
        }
        for (int i = 100; i < 104; i++) {
            expected.add(uuid(i));
        }
        assertThat(repo.locations(KEY)).containsExactlyInAnyOrderElementsOf(expected);
        String whereis = GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "whereis",
                "--key=" + KEY.serialize());
        assertThat(whereis).contains("(16 copies)");
        Path othertmp = dir.resolve(".git/annex/othertmp");
        if (Files.exists(othertmp)) {
            try (var left = Files.list(othertmp)) {
                assertThat(left).as("no temp files left behind").isEmpty();
            }
        }
    }
}
