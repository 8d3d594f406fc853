package org.annexp2p.pairing.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one public key, whoever certified it: the one exchanged while pairing. No CA, name or date
 * checks apply, because the pin is stronger than all of them; the TLS handshake itself proves the peer holds
 * the matching private key.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final TrustedKeys trusted;

    PinnedTrustManager(TrustedKeys trusted) {
        this.trusted = trusted;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new PinMismatchException("the peer presented no certificate; expected " + trusted.describe());
        }
        KeyFingerprint presented = KeyFingerprint.of(chain[0].getPublicKey());
        if (!trusted.contains(presented)) {
            throw new PinMismatchException("the peer presented key " + presented + ", not " + trusted.describe());
        }
    }
}
