package org.annexp2p.pairing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {

    @TempDir
    Path dir;

    @Test
    void savedIdentityLoadsBackWithTheSameKeyAndIsPrivate() throws IOException {
        TlsIdentity identity = TlsIdentity.generate("saved");
        Path file = dir.resolve("creds/lan-tls.pem");
        identity.save(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        TlsIdentity loaded = TlsIdentity.load(file);
        assertThat(loaded.fingerprint()).isEqualTo(identity.fingerprint());
        assertThat(loaded.certificate()).isEqualTo(identity.certificate());
        assertThat(Files.exists(dir.resolve("creds/lan-tls.pem.tmp"))).isFalse();
    }

    @Test
    void aDamagedOrMismatchedFileIsRefusedNamingTheFileNotTheKey() throws IOException {
        Path file = dir.resolve("id.pem");
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsIdentity.load(file)).isInstanceOf(IOException.class).hasMessageContaining(file.toString()).hasMessageContaining("damaged");

        TlsIdentity a = TlsIdentity.generate("a");
        TlsIdentity b = TlsIdentity.generate("b");
        a.save(dir.resolve("a.pem"));
        b.save(dir.resolve("b.pem"));
        String keyOfA = Files.readString(dir.resolve("a.pem")).split("-----BEGIN CERTIFICATE-----")[0];
        String certOfB = "-----BEGIN CERTIFICATE-----" + Files.readString(dir.resolve("b.pem")).split("-----BEGIN CERTIFICATE-----")[1];
        Path mixed = dir.resolve("mixed.pem");
        Files.writeString(mixed, keyOfA + certOfB);
        assertThatThrownBy(() -> TlsIdentity.load(mixed)).hasMessageContaining("damaged");

        assertThatThrownBy(() -> TlsIdentity.load(dir.resolve("missing.pem"))).isInstanceOf(IOException.class).hasMessageEndingWith("does not exist");
    }

    /** A key that is not an EC key made the message name an exception class (InvalidKeyException). */
    @Test
    void aKeyThatCannotSignIsDescribedInWordsNotClassNames() throws IOException {
        TlsIdentity a = TlsIdentity.generate("a");
        String certOfA = "-----BEGIN CERTIFICATE-----" + new String(a.toPem(), java.nio.charset.StandardCharsets.US_ASCII)
                .split("-----BEGIN CERTIFICATE-----")[1];
        // A PKCS#8 Ed25519 private key: well-formed PEM, but not the kind of key the certificate carries.
        String ed25519 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> TlsIdentity.fromPem((ed25519 + certOfA).getBytes(java.nio.charset.StandardCharsets.US_ASCII), "creds/x.pem"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("TLS identity file creds/x.pem is damaged: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[A-Z][a-z]+Exception"));
    }

    @Test
    void pemRoundTripsTheSameKey() throws IOException {
        TlsIdentity identity = TlsIdentity.generate("pem");
        assertThat(TlsIdentity.fromPem(identity.toPem(), "x").fingerprint()).isEqualTo(identity.fingerprint());
    }
}
