package org.annexp2p.web.transfers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git-annex's transfer files: shown while their lock is held, left out (and left alone) once it is not. */
class OtherTransfersTest {
    private static final String UUID = "5b2c3f0e-0000-4000-8000-00000000beef";
    private static final String KEY_FILE = "SHA256E-s4194304--abc&cdef.bin";

    @Test
    void aTransferIsShownOnlyWhileItsLockIsHeld(@TempDir Path annex) throws Exception {
        Path dir = Files.createDirectories(annex.resolve("transfer/upload/" + UUID));
        Files.writeString(dir.resolve(KEY_FILE), "1764960000.123456s 1048576\nphotos/beach.jpg\n");
        Path lock = Files.writeString(dir.resolve("lck." + KEY_FILE), "");
        assertThat(OtherTransfers.scan(annex)).as("a leftover of an interrupted transfer").isEmpty();
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            assertThat(OtherTransfers.scan(annex)).containsExactly(new OtherTransfers.Seen("upload/" + UUID + "/" + KEY_FILE, "upload",
                    UUID, "SHA256E-s4194304--abc:def.bin", "photos/beach.jpg", 1048576));
        }
        assertThat(OtherTransfers.scan(annex)).isEmpty();
        assertThat(dir.resolve(KEY_FILE)).as("left for git-annex to clean up").exists();
    }

    @Test
    void aDownloadsLockMayBeInTheSharedLockFolder(@TempDir Path annex) throws Exception {
        Path dir = Files.createDirectories(annex.resolve("transfer/download/" + UUID));
        Files.writeString(dir.resolve(KEY_FILE), "1764960000s\n\n");
        Path lock = Files.writeString(Files.createDirectories(annex.resolve("transfer/download/lck")).resolve("lck." + KEY_FILE), "");
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            assertThat(OtherTransfers.scan(annex)).extracting(OtherTransfers.Seen::direction, OtherTransfers.Seen::bytes, OtherTransfers.Seen::file)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("download", 0L, ""));
        }
    }

    @Test
    void noTransferFolderNoTransfers(@TempDir Path annex) {
        assertThat(OtherTransfers.scan(annex)).isEmpty();
    }
}
