package org.annexp2p.http.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTP client a p2phttp client uses: HTTP/1.1 (what p2phttp servers speak), redirects never followed (a
 * server may not send our credentials or a download elsewhere), and for HTTPS the certificates the JVM trusts, or,
 * when {@value #CA} names a PEM file, only the certificates in it (as curl's {@code --cacert}): that is how a
 * self-signed server is trusted. Nothing ever trusts every certificate.
 */
public final class HttpClients {
    public static final String CA = "ANNEX_P2P_HTTP_CA";

    private HttpClients() {}

    public static HttpClient from(Map<String, String> environment) throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30));
        String ca = environment.get(CA);
        if (ca != null && !ca.isEmpty()) {
            b.sslContext(trusting(Path.of(ca)));
        }
        return b.build();
    }

    private static SSLContext trusting(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(CA + " names a file without certificates: " + pem);
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int n = 0;
            for (Certificate c : certificates) {
                anchors.setCertificateEntry("trusted-" + n++, c);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException(CA + " names a file that does not exist: " + pem);
        } catch (GeneralSecurityException e) {
            throw new IOException(CA + " names a file that is not PEM certificates: " + pem);
        }
    }
}
