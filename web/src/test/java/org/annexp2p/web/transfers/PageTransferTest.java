package org.annexp2p.web.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the page shows of its own transfers: the pace the terminal's bar shows too. */
class PageTransferTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void beforeAnyByteMovesThereIsNoRateAndNoTimeLeft() {
        PageTransfer transfer = new PageTransfer("put-1", "upload", "KEY", "tcp://peer", 4000);
        TransferView view = transfer.view(System.nanoTime() + 10 * SECOND);
        assertThat(view.bytes()).isZero();
        assertThat(view.rate()).isZero();
        assertThat(view.eta()).isEqualTo(-1);
    }

    @Test
    void aResumedGetCountsOnlyTheBytesItMoves() {
        PageTransfer transfer = new PageTransfer("get-1", "download", "KEY", "tcp://peer", 4000);
        long start = System.nanoTime();
        transfer.resumedFrom(1000);
        transfer.reached(3000);
        // Read 100 s on: 2000 bytes moved in at most that (20 B/s); counting the resumed 1000 would make it 30.
        TransferView view = transfer.view(start + 100 * SECOND);
        assertThat(view.bytes()).isEqualTo(3000);
        assertThat(view.rate()).isBetween(20L, 29L);
        assertThat(view.eta()).isEqualTo(1000 / view.rate());
    }
}
