package org.annexp2p.transports.tcp;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * A client's trust in one server key, whoever certified it and whatever name or dates its certificate carries:
 * the pin is stronger than all of those, and the TLS handshake itself proves the server holds the private key.
 */
final class PinnedServerKey extends ChainTrust {

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
    protected void check(X509Certificate[] chain, Presenter presenter) throws CertificateException {
        if (presenter == Presenter.CLIENT) {
            throw new CertificateException("a pinned client trusts servers only");
        }
        if (chain == null || chain.length == 0) {
            throw new Mismatch("the server presented no certificate");
        }
        if (!pin.matches(chain[0].getPublicKey())) {
            throw new Mismatch("the server presented key " + KeyPin.of(chain[0].getPublicKey()) + ", not the pinned " + pin);
        }
    }
}
