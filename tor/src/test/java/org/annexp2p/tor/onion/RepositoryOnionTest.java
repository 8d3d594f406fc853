package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.tor.TorException;
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

    /** enable-tor's onion, made without tor: a key only the owner can read, its address remembered, kept from then on. */
    @Test
    void makingAnOnionStoresANewKeyOwnerOnlyAndKeepsItAfterwards() throws Exception {
        RepositoryOnion onion = onion();
        TorAnnexAddress made = onion.make(new SecureRandom()).orElseThrow();
        Path key = onion.keyFile().path();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("ED25519-V3:").endsWith("\n");
        assertThat(new OnionKeyFile(onion.keyFile()).read()).isPresent();
        assertThat(onion.published()).contains(made);
        assertThat(made.port()).isBetween(1025, 65534);
        String keyText = Files.readString(key);

        assertThat(onion.make(new SecureRandom())).as("made again: the same onion").contains(made);
        assertThat(Files.readString(key)).as("the key is never replaced").isEqualTo(keyText);
    }

    /** A key an earlier version stored without its address: only tor can say its address, and the key stays. */
    @Test
    void aKeyWithoutItsAddressIsKeptAndLeftToTor() throws Exception {
        RepositoryOnion onion = onion();
        new OnionKeyFile(onion.keyFile()).write(OnionKeyFileTest.key(1));
        assertThat(onion.make(new SecureRandom())).isEmpty();
        assertThat(new OnionKeyFile(onion.keyFile()).read()).contains(OnionKeyFileTest.key(1));
        assertThat(onion.published()).isEmpty();
    }

    @Test
    void aDamagedKeyIsOneLineNamingTheFile() throws Exception {
        RepositoryOnion onion = onion();
        onion.keyFile().writeText("ED25519-V3:not-a-real-key\n");
        onion.remember(ADDRESS);
        assertThatThrownBy(() -> onion.make(new SecureRandom())).isInstanceOf(TorException.class)
                .hasMessageStartingWith("onion key file " + onion.keyFile() + " is damaged")
                .hasMessageNotContaining("\n");
        assertThat(Files.readString(onion.keyFile().path())).isEqualTo("ED25519-V3:not-a-real-key\n");
    }
}
