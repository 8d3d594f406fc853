package org.annexp2p.transports.tcp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/** Each of the JDK's six checks reaches the one decision, as the side that presented the chain; a pin holds in all. */
class ChainTrustTest {
    private static final TlsServerKey PINNED = SelfSignedKeys.generate();
    private static final TlsServerKey OTHER = SelfSignedKeys.generate();

    private interface Check {
        void run(X509ExtendedTrustManager trust, X509Certificate[] chain) throws CertificateException;
    }

    private static final List<Check> SERVER_CHECKS = List.of(
            (t, c) -> t.checkServerTrusted(c, "EC"),
            (t, c) -> t.checkServerTrusted(c, "EC", (java.net.Socket) null),
            (t, c) -> t.checkServerTrusted(c, "EC", (SSLEngine) null));
    private static final List<Check> CLIENT_CHECKS = List.of(
            (t, c) -> t.checkClientTrusted(c, "EC"),
            (t, c) -> t.checkClientTrusted(c, "EC", (java.net.Socket) null),
            (t, c) -> t.checkClientTrusted(c, "EC", (SSLEngine) null));

    @Test
    void aPinnedClientTrustsThePinnedServerKeyAloneAndNoClientInEveryCheck() {
        PinnedServerKey trust = new PinnedServerKey(PINNED.pin());
        X509Certificate[] pinned = {PINNED.certificate()};
        X509Certificate[] other = {OTHER.certificate()};
        for (Check check : SERVER_CHECKS) {
            assertThatCode(() -> check.run(trust, pinned)).doesNotThrowAnyException();
            assertThatThrownBy(() -> check.run(trust, other)).isInstanceOf(PinnedServerKey.Mismatch.class)
                    .hasMessageContaining("not the pinned");
            assertThatThrownBy(() -> check.run(trust, new X509Certificate[0])).isInstanceOf(PinnedServerKey.Mismatch.class)
                    .hasMessageContaining("no certificate");
        }
        for (Check check : CLIENT_CHECKS) {
            assertThatThrownBy(() -> check.run(trust, pinned)).isInstanceOf(CertificateException.class)
                    .hasMessageContaining("trusts servers only");
        }
    }
}
