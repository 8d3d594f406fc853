package org.annexp2p.session.plugin.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.transports.tcp.KeyPin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's TLS key: made once, kept private, refused when others can read it. */
class TlsIdentityFileTest {
    @TempDir
    Path dir;

    @Test
    void theServerKeyIsTheRepositorysKeptPrivateAndRefusedWhenOthersCanReadIt() throws Exception {
        Path creds = dir.resolve("creds");
        KeyPin first = TlsIdentityFile.in(new CredsDir(creds)).pin();
        Path file = creds.resolve(TlsIdentityFile.IDENTITY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds))).isEqualTo("rwx------");
        assertThat(TlsIdentityFile.in(new CredsDir(creds)).pin()).as("the same key on every start").isEqualTo(first);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> TlsIdentityFile.in(new CredsDir(creds)))
                .hasMessage("refusing to read " + file + ": group or others may access it (mode rw-r--r--); run chmod 600 " + file);
    }

    /** The key used to be written into a creds directory left as it was, listable by others. */
    @Test
    void theCredsDirectoryIsMadeOwnerOnlyWhenTheKeyIsMade() throws Exception {
        Path creds = Files.createDirectory(dir.resolve("creds"));
        Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rwxr-xr-x"));
        TlsIdentityFile.in(new CredsDir(creds));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds))).isEqualTo("rwx------");
    }

    @Test
    void aLinkInPlaceOfTheKeyIsRefused() throws Exception {
        Path creds = Files.createDirectory(dir.resolve("creds"));
        Path elsewhere = Files.writeString(dir.resolve("attacker.pem"), "not a key");
        Files.createSymbolicLink(creds.resolve(TlsIdentityFile.IDENTITY_FILE), elsewhere);
        assertThatThrownBy(() -> TlsIdentityFile.in(new CredsDir(creds))).hasMessageEndingWith(": not a regular file");
    }
}
