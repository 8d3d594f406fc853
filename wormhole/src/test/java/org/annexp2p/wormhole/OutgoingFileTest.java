package org.annexp2p.wormhole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a regular file can be sent; a directory or a missing file is refused as the user's mistake, in words. */
class OutgoingFileTest {
    @TempDir
    Path dir;

    @Test
    void aRegularFileIsOfferedUnderItsNameAndSize() throws Exception {
        Path file = Files.write(dir.resolve("photo.jpg"), new byte[1234]);
        OutgoingFile out = OutgoingFile.of(file);
        assertThat(out.name()).isEqualTo("photo.jpg");
        assertThat(out.size()).isEqualTo(1234);
        assertThat(out.path()).isEqualTo(file);
    }

    @Test
    void aDirectoryOrAMissingFileIsBadUsage() {
        assertThatThrownBy(() -> OutgoingFile.of(dir)).isInstanceOf(InvalidCodeException.class)
                .hasMessage("sending directories is not supported; send a file (e.g. a tar archive)");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> OutgoingFile.of(missing)).isInstanceOf(InvalidCodeException.class)
                .hasMessage("cannot send " + missing + ": no such file");
    }
}
