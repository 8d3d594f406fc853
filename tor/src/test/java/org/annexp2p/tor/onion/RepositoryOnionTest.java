package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.annexp2p.repository.creds.CredsDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's onion address file: a creds file, kept and read as every other one is. */
class RepositoryOnionTest {

    private static final TorAnnexAddress ADDRESS = TorAnnexAddress.parse("tor-annex::" + TorAnnexAddressTest.ONION + ":39140");

    @TempDir
    Path dir;

    private RepositoryOnion onion() {
        return RepositoryOnion.of(dir.resolve("annex"), new CredsDir(dir.resolve("annex/creds")));
    }

    @Test
    void theAddressIsRememberedOwnerOnlyInThePreviousFormatAndCountsOnlyWithItsKey() throws Exception {
        RepositoryOnion onion = onion();
        assertThat(onion.published()).isEmpty();
        onion.remember(ADDRESS);
        Path file = dir.resolve("annex/creds").resolve(RepositoryOnion.ADDRESS_FILE);
        assertThat(Files.readString(file)).isEqualTo(ADDRESS.format() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(onion.published()).as("no key, so a new onion").isEmpty();
        new OnionKeyFile(onion.keyFile()).write(OnionKeyFileTest.key(1));
        assertThat(onion.published()).contains(ADDRESS);
        assertThat(onion.port()).isEqualTo(39140);
        assertThat(onion.keyFile().path()).isEqualTo(dir.resolve("annex/creds").resolve(RepositoryOnion.KEY_FILE));
    }

    /** The address used to be read whatever its mode; now it is refused as every creds file others may read. */
    @Test
    void anAddressFileOthersCanReadIsRefusedWithTheChmodFix() throws Exception {
        RepositoryOnion onion = onion();
        new OnionKeyFile(onion.keyFile()).write(OnionKeyFileTest.key(1));
        Path file = dir.resolve("annex/creds").resolve(RepositoryOnion.ADDRESS_FILE);
        Files.writeString(file, ADDRESS.format() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(onion::published)
                .hasMessage("refusing to read " + file + ": group or others may access it (mode rw-r--r--); run chmod 600 " + file);
    }
}
