package org.annexp2p.web.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another process's transfer whose file grows: its rate and ETA, then "stalled", then ended, on a test clock. */
class OtherTransferViewsTest {
    private static final String UUID = "5b2c3f0e-0000-4000-8000-00000000beef";
    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1 << 20;
    private static final String KEY_FILE = "SHA256E-s10485760--abc.bin";

    @Test
    void aGrowingTransferFileHasARateAndAnEtaFromItsKeysSize(@TempDir Path annex) throws Exception {
        Path dir = Files.createDirectories(annex.resolve("transfer/download/" + UUID));
        Path info = dir.resolve(KEY_FILE);
        Path lock = Files.writeString(dir.resolve("lck." + KEY_FILE), "");
        AtomicLong clock = new AtomicLong();
        OtherTransferViews views = new OtherTransferViews(clock::get);
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            Files.writeString(info, "1764960000.5s 0\nphotos/beach.jpg\n");
            TransferView first = views.look(annex).running().get(0);
            assertThat(first.size()).isEqualTo(10 * MIB);
            assertThat(first.rate()).as("one look measures nothing").isEqualTo(-1);
            assertThat(first.eta()).isEqualTo(-1);

            clock.set(SECOND);
            Files.writeString(info, "1764960000.5s " + 2 * MIB + "\nphotos/beach.jpg\n");
            TransferView second = views.look(annex).running().get(0);
            assertThat(second.bytes()).isEqualTo(2 * MIB);
            assertThat(second.rate()).isEqualTo(2 * MIB);
            assertThat(second.eta()).isEqualTo(4);
            assertThat(second.stalled()).isFalse();

            clock.set(SECOND + TransferRate.MIN_STALL_NANOS + 1);
            TransferView still = views.look(annex).running().get(0);
            assertThat(still.stalled()).isTrue();
            assertThat(still.rate()).isZero();
            assertThat(still.eta()).isEqualTo(-1);
        }
        OtherTransferViews.Look after = views.look(annex);
        assertThat(after.running()).isEmpty();
        assertThat(after.ended()).extracting(TransferView::state, TransferView::bytes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ended", 2 * MIB));
        assertThat(views.look(annex).ended()).as("ended once").isEmpty();
    }
}
