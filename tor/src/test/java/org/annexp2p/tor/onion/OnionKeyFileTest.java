package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.annexp2p.repository.creds.PrivateFile;
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
        OnionKeyFile f = new OnionKeyFile(PrivateFile.in(dir.resolve("creds/sub"), "key"));
        Path path = f.file().path();
        assertThat(f.read()).isEmpty();
        f.write(key(7));
        assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(path.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(path)).as("the previous version's format").isEqualTo(key(7).blob() + "\n");
        assertThat(f.read()).contains(key(7));
        f.write(key(9));
        assertThat(f.read()).contains(key(9));
        try (var files = Files.list(path.getParent())) {
            assertThat(files).containsExactly(path);
        }
    }

    /**
     * A loosened key used to be made owner-only again and used, though others may have copied it meanwhile; it
     * is now refused as every creds file is, in PrivateFile's one line saying how to fix it.
     */
    @Test
    void aKeyOthersCanReadIsRefusedWithTheChmodFix(@TempDir Path dir) throws Exception {
        OnionKeyFile f = new OnionKeyFile(PrivateFile.in(dir, "key"));
        f.write(key(3));
        Path path = f.file().path();
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(f::read).isInstanceOf(TorException.class)
                .hasMessage("refusing to read " + path + ": group or others may access it (mode rw-r--r--); run chmod 600 " + path)
                .satisfies(e -> assertThat(((TorException) e).reason()).isEqualTo(TorException.Reason.BAD_CONFIG));
        assertThat(Files.getPosixFilePermissions(path)).as("left for the user to judge").isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** A link used to be followed: the key could be read from (and written to) anywhere the link pointed. */
    @Test
    void aLinkIsRefused(@TempDir Path dir) throws Exception {
        OnionKeyFile elsewhere = new OnionKeyFile(PrivateFile.in(dir.resolve("elsewhere"), "key"));
        elsewhere.write(key(4));
        Files.createSymbolicLink(dir.resolve("key"), elsewhere.file().path());
        assertThatThrownBy(() -> new OnionKeyFile(PrivateFile.in(dir, "key")).read()).isInstanceOf(TorException.class)
                .hasMessageEndingWith(": not a regular file");
    }

    @Test
    void aDamagedFileIsATypedErrorWithoutTheKey(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("key");
        Files.writeString(p, "ED25519-V3:c2VjcmV0");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> new OnionKeyFile(PrivateFile.in(dir, "key")).read()).isInstanceOf(TorException.class)
                .hasMessageContaining("damaged").hasMessageNotContaining("c2VjcmV0")
                .satisfies(e -> assertThat(((TorException) e).reason()).isEqualTo(TorException.Reason.BAD_CONFIG));
        assertThat(key(1).toString()).doesNotContain("AQEB");
    }
}
