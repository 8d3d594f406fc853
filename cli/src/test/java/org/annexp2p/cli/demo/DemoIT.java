package org.annexp2p.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job, {@code annex-p2p demo}, as a new user runs it: several at once, so each runs under the
 * load of the others (the cut-and-resume step once failed in half of the runs on a busy machine, when the
 * redialed PUT met the old connection's handler still holding the transfer).
 */
class DemoIT {
    static final int AT_ONCE = 4;

    @TempDir
    Path dir;

    @Test
    void demosRunningSideBySideAllSucceedAndSpeakInWords() throws Exception {
        List<CompletableFuture<GitAnnex.Result>> runs = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return AnnexP2p.run(dir, Map.of(), Duration.ofMinutes(5), "demo", "--size", "48");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (CompletableFuture<GitAnnex.Result> run : runs) {
            GitAnnex.Result r = run.get().ok();
            String said = r.out() + r.err();
            assertThat(said).contains("connection cut", "(resumed at", "ok, verified", "done: every byte verified");
            assertThat(said).doesNotContain("Completed[", "Right(", "Left(", "Exception", "\tat ");
        }
    }
}
