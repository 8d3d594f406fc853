package org.annexp2p.pairing.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TlsIdentityTest {

    @Test
    void aDamagedOrMismatchedPemIsRefusedNamingTheFileNotTheKey() {
        byte[] damaged = "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> TlsIdentity.fromPem(damaged, "creds/id.pem")).isInstanceOf(IOException.class)
                .hasMessageContaining("creds/id.pem").hasMessageContaining("damaged");

        String keyOfA = new String(TlsIdentity.generate("a").toPem(), StandardCharsets.US_ASCII).split("-----BEGIN CERTIFICATE-----")[0];
        String certOfB = "-----BEGIN CERTIFICATE-----"
                + new String(TlsIdentity.generate("b").toPem(), StandardCharsets.US_ASCII).split("-----BEGIN CERTIFICATE-----")[1];
        assertThatThrownBy(() -> TlsIdentity.fromPem((keyOfA + certOfB).getBytes(StandardCharsets.US_ASCII), "mixed.pem"))
                .hasMessageContaining("damaged");
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
        TlsIdentity read = TlsIdentity.fromPem(identity.toPem(), "x");
        assertThat(read.fingerprint()).isEqualTo(identity.fingerprint());
        assertThat(read.certificate()).isEqualTo(identity.certificate());
    }
}
