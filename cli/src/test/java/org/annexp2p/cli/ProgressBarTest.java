package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.annexp2p.session.transfer.ByteUnits;
import org.junit.jupiter.api.Test;

/** The one progress bar of get, put, demo and wormhole: when it draws its live line and its summary line (their words: ProgressLineTest). */
class ProgressBarTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalACommandPrintsOnlyItsSummaryLine() {
        ProgressBar bar = new ProgressBar(err, "get KEY ", 2048, false, ByteUnits.IEC, -1);
        bar.progress(0);
        bar.progress(1024);
        bar.progress(2048);
        assertThat(printed()).isEmpty();
        bar.finish("ok");
        assertThat(printed()).matches("get KEY \\[#{30}\\] 100% 2\\.0 KiB of 2\\.0 KiB  [0-9.]+ [KMGT]?i?B/s  ok\\R");
    }

    @Test
    void aResumedTransferSaysWhereItResumed() {
        ProgressBar bar = new ProgressBar(err, "get KEY ", 4096, false, ByteUnits.IEC, -1);
        bar.resumedFrom(1024);
        bar.progress(2048);
        bar.finish("failed");
        assertThat(printed()).matches("get KEY \\[#{15} {15}\\]  50% 2\\.0 KiB of 4\\.0 KiB  .*/s  \\(resumed at 1\\.0 KiB\\)  failed\\R");
    }

    @Test
    void aSizeNotKnownShowsNoBar() {
        ProgressBar bar = new ProgressBar(err, "put KEY ", -1, false, ByteUnits.IEC, -1);
        bar.progress(0);
        bar.progress(5);
        bar.finish("ok");
        assertThat(printed()).matches("put KEY 5 B  [0-9.]+ [KMGT]?i?B/s  ok\\R");
    }

    @Test
    void aWormholeBarIsDrawnLiveUpToItsLastByteAndEndsWithALineBreak() {
        ProgressBar bar = ProgressBar.forWormhole(err, true);
        bar.progress(0, 3000);
        bar.progress(3000, 3000);
        bar.end();
        String[] draws = printed().split("\r");
        assertThat(draws[0]).isEmpty();
        assertThat(draws[1]).isEqualTo("[" + " ".repeat(30) + "]   0% 0 Bytes of 3.0 kB  0 Bytes/s   ");
        assertThat(draws[draws.length - 1]).matches("\\[#{30}\\] 100% 3\\.0 kB of 3\\.0 kB  .* ?[kMGT]?B(ytes)?/s   \\R");
    }

    @Test
    void anEmptyWormholeFileIsWhollyDone() {
        ProgressBar bar = ProgressBar.forWormhole(err, true);
        bar.progress(0, 0);
        assertThat(printed()).isEqualTo("\r[" + "#".repeat(30) + "] 100% 0 Bytes of 0 Bytes  0 Bytes/s   ");
    }

    @Test
    void offATerminalAWormholeBarPrintsNothing() {
        ProgressBar bar = ProgressBar.forWormhole(err, false);
        bar.progress(0, 10);
        bar.progress(10, 10);
        bar.end();
        assertThat(printed()).isEmpty();
    }
}
