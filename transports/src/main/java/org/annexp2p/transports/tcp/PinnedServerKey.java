package org.annexp2p.transports.tcp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A client's trust in one server key, whoever certified it and whatever name or dates its certificate carries:
 * the pin is stronger than all of those, and the TLS handshake itself proves the server holds the private key.
 * Extending {@link X509ExtendedTrustManager} keeps the JDK from adding its own host name checks.
 */
final class PinnedServerKey extends X509ExtendedTrustManager {

    private final KeyPin pin;

    PinnedServerKey(KeyPin pin) {
        this.pin = pin;
    }

    /** The server presented a key other than the pinned one; its message names both, neither is secret. */
    static final class Mismatch extends CertificateException {
        Mismatch(String message) {
            super(message);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pinned client trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a pinned client trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a pinned client trusts servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new Mismatch("the server presented no certificate");
        }
        if (!pin.matches(chain[0].getPublicKey())) {
            throw new Mismatch("the server presented key " + KeyPin.of(chain[0].getPublicKey()) + ", not the pinned " + pin);
        }
    }
}
