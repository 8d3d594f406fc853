package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.annexp2p.tor.TorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnionKeyFileTest {

    static OnionKey key(int fill) {
        byte[] raw = new byte[64];
        java.util.Arrays.fill(raw, (byte) fill);
        return new OnionKey("ED25519-V3:" + Base64.getEncoder().encodeToString(raw));
    }

    @Test
    void writesOwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
        OnionKeyFile f = new OnionKeyFile(dir.resolve("creds/sub/key"));
        assertThat(f.read()).isEmpty();
        f.write(key(7));
        assertThat(Files.getPosixFilePermissions(f.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(f.path().getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(f.read()).contains(key(7));
        f.write(key(9));
        assertThat(f.read()).contains(key(9));
        try (var files = Files.list(f.path().getParent())) {
            assertThat(files).containsExactly(f.path());
        }
    }

    @Test
    void aLoosenedKeyFileIsMadeOwnerOnlyAgain(@TempDir Path dir) throws Exception {
        OnionKeyFile f = new OnionKeyFile(dir.resolve("key"));
        f.write(key(3));
        Files.setPosixFilePermissions(f.path(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(f.read()).contains(key(3));
        assertThat(Files.getPosixFilePermissions(f.path())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aDamagedFileIsATypedErrorWithoutTheKey(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("key");
        Files.writeString(p, "ED25519-V3:c2VjcmV0");
        assertThatThrownBy(() -> new OnionKeyFile(p).read()).isInstanceOf(TorException.class)
                .hasMessageContaining("damaged").hasMessageNotContaining("c2VjcmV0")
                .satisfies(e -> assertThat(((TorException) e).reason()).isEqualTo(TorException.Reason.BAD_CONFIG));
        assertThat(key(1).toString()).doesNotContain("AQEB");
    }
}
