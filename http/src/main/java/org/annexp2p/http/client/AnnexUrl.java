package org.annexp2p.http.client;

import io.vavr.control.Either;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An {@code annex+http://HOST[:PORT]/git-annex/} (or {@code annex+https://}) address and the HTTP base it names;
 * the port defaults to p2phttp's 9417. Requests go to {@code BASE/SERVER-UUID/vN/ROUTE}.
 */
public record AnnexUrl(URI base) {
    public static final int DEFAULT_PORT = 9417;

    public static Either<String, AnnexUrl> parse(String address) {
        String scheme = address.startsWith("annex+http://") ? "http" : address.startsWith("annex+https://") ? "https" : null;
        if (scheme == null) {
            return Either.left("an annex+http address starts with annex+http:// or annex+https://");
        }
        URI uri;
        try {
            uri = new URI(address.substring("annex+".length()));
        } catch (URISyntaxException e) {
            return Either.left("not a URL: " + address);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            // Credentials in the address would end up on command lines and in logs: they come from the environment.
            return Either.left("an annex+http address is HOST[:PORT]/PATH, without user, query or fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/git-annex/" : uri.getRawPath();
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getHost();
        return Either.right(new AnnexUrl(URI.create(scheme + "://" + host + ":" + port + (path.endsWith("/") ? path : path + "/"))));
    }

    /** Whether the address is for this client: the scheme alone decides. */
    public static boolean names(String address) {
        return address.startsWith("annex+http://") || address.startsWith("annex+https://");
    }
}
