package org.annexp2p.transports.tcp;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What a TLS server presents: its private key and a certificate carrying the matching public key (self-signed is
 * fine; clients check only the key, against their {@link KeyPin}).
 */
public record TlsServerKey(PrivateKey privateKey, X509Certificate certificate) {

    public TlsServerKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** What clients must pin to trust this key. */
    public KeyPin pin() {
        return KeyPin.of(certificate.getPublicKey());
    }

    /** Never the private key. */
    @Override
    public String toString() {
        return "TlsServerKey[" + pin() + "]";
    }
}
