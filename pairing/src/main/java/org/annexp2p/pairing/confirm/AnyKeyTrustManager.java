package org.annexp2p.pairing.confirm;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.annexp2p.transports.tcp.ChainTrust;

/**
 * Accepts any certificate. Used only before pairing, where nobody's key is known yet: what crosses such a
 * connection is authenticated by the shared secret (an HMAC that also covers the key the session presented),
 * never by TLS.
 */
final class AnyKeyTrustManager extends ChainTrust {

    @Override
    protected void check(X509Certificate[] chain, Presenter presenter) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer presented no certificate");
        }
    }
}
