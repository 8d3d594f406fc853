package org.annexp2p.transports.tcp;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that makes one decision over the chain a peer presents, whichever of the JDK's six checks asks
 * (with a socket, an engine or neither), so that no overload can be forgotten or decide differently. Extending
 * {@link X509ExtendedTrustManager} keeps the JDK from adding its own host name checks. No issuer is ever named.
 */
public abstract class ChainTrust extends X509ExtendedTrustManager {

    /** Who presented the chain: the client (we are the server) or the server (we are the client). */
    public enum Presenter { CLIENT, SERVER }

    /** Returns when {@code chain} is trusted; throws, saying why, when it is not (no chain at all included). */
    protected abstract void check(X509Certificate[] chain, Presenter presenter) throws CertificateException;

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Presenter.CLIENT);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Presenter.SERVER);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, Presenter.CLIENT);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, Presenter.SERVER);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, Presenter.CLIENT);
    }

    @Override
    public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, Presenter.SERVER);
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
