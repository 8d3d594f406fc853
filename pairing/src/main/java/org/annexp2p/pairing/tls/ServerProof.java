package org.annexp2p.pairing.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;
import org.annexp2p.transports.tcp.ChainTrust;

/**
 * The client's trust, unchanged, remembering whether the server's key passed it. A connection that fails after
 * that point failed at a peer that holds the key we trust, which {@link PinnedTls} uses to say why.
 */
final class ServerProof extends ChainTrust {

    private final X509TrustManager trust;
    private final boolean pinned;
    private volatile boolean proved;

    /** With {@code pinned} false the server's key is not the peer's identity, and {@link #proved} stays false. */
    ServerProof(X509TrustManager trust, boolean pinned) {
        this.trust = trust;
        this.pinned = pinned;
    }

    @Override
    protected void check(X509Certificate[] chain, Presenter presenter) throws CertificateException {
        if (presenter == Presenter.SERVER) {
            trust.checkServerTrusted(chain, "UNKNOWN");
            proved = pinned;
        } else {
            trust.checkClientTrusted(chain, "UNKNOWN");
        }
    }

    /** Whether the server presented a key that {@code trust} accepted. */
    boolean proved() {
        return proved;
    }
}
