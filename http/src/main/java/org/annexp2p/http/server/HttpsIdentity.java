package org.annexp2p.http.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The server's certificate and key for HTTPS, PEM files as {@code git annex p2phttp} takes them; TLS 1.2 and 1.3 only. */
public record HttpsIdentity(Path certificate, Path privateKey, Option<Path> chain) {

    SslContext context() throws IOException {
        ByteArrayOutputStream certs = new ByteArrayOutputStream();
        certs.write(Files.readAllBytes(certificate));
        certs.write('\n');
        if (chain.isDefined()) {
            certs.write(Files.readAllBytes(chain.get()));
        }
        try (InputStream key = Files.newInputStream(privateKey)) {
            return SslContextBuilder.forServer(new ByteArrayInputStream(certs.toByteArray()), key)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot use " + certificate + " and " + privateKey + " for HTTPS: " + e.getMessage(), e);
        }
    }
}
