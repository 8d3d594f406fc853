package org.annexp2p.pairing.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.repository.creds.CredsDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LAN identity as a creds file: kept 0600, read back the same, refused when others may read the key. */
class LanIdentityTest {

    @TempDir
    Path dir;

    private CredsDir creds() {
        return new CredsDir(dir.resolve("annex/creds"));
    }

    @Test
    void keptOnceOwnerOnlyAndReadBackTheSame() throws Exception {
        TlsIdentity first = TlsIdentity.generate("first");
        LanIdentity.keepUnlessKept(creds(), first);
        LanIdentity.keepUnlessKept(creds(), TlsIdentity.generate("second"));
        Path file = dir.resolve("annex/creds").resolve(LanIdentity.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(file)).as("the previous version's PEM").isEqualTo(first.toPem());
        assertThat(LanIdentity.load(creds()).fingerprint()).isEqualTo(first.fingerprint());
        assertThat(LanIdentity.loadOrGenerate(creds(), "x").fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void noneYetSaysToPairFirst() {
        assertThatThrownBy(() -> LanIdentity.load(creds()))
                .hasMessage("this repository has no LAN identity yet; pair first with `annex-p2p pair --lan`");
    }

    /** Used to be loaded as it was: a private key others can read is now refused, saying how to fix it. */
    @Test
    void aKeyOthersCanReadIsRefusedWithTheChmodFix() throws Exception {
        Path file = Files.createDirectories(dir.resolve("annex/creds")).resolve(LanIdentity.FILE);
        Files.write(file, TlsIdentity.generate("loose").toPem());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String refusal = "refusing to read " + file + ": group or others may access it (mode rw-r--r--); run chmod 600 " + file;
        assertThatThrownBy(() -> LanIdentity.load(creds())).hasMessage(refusal);
        assertThatThrownBy(() -> LanIdentity.loadOrGenerate(creds(), "x")).hasMessage(refusal);
    }

    /** Used to be followed: a link in the creds directory could make us use (or pin) a key kept anywhere. */
    @Test
    void aLinkIsRefused() throws Exception {
        Path elsewhere = dir.resolve("elsewhere.pem");
        Files.write(elsewhere, TlsIdentity.generate("elsewhere").toPem());
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(Files.createDirectories(dir.resolve("annex/creds")).resolve(LanIdentity.FILE), elsewhere);
        assertThatThrownBy(() -> LanIdentity.load(creds())).hasMessageEndingWith(": not a regular file");
    }
}
