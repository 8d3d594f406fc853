package org.annexp2p.pairing.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.annexp2p.transports.tcp.ChainTrust;

/**
 * Trusts exactly one public key, whoever certified it: the one exchanged while pairing. No CA, name or date
 * checks apply, because the pin is stronger than all of them; the TLS handshake itself proves the peer holds
 * the matching private key.
 */
final class PinnedTrustManager extends ChainTrust {

    private final TrustedKeys trusted;

    PinnedTrustManager(TrustedKeys trusted) {
        this.trusted = trusted;
    }

    @Override
    protected void check(X509Certificate[] chain, Presenter presenter) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new PinMismatchException("the peer presented no certificate; expected " + trusted.describe());
        }
        KeyFingerprint presented = KeyFingerprint.of(chain[0].getPublicKey());
        if (!trusted.contains(presented)) {
            throw new PinMismatchException("the peer presented key " + presented + ", not " + trusted.describe());
        }
    }
}
