package org.annexp2p.http.client;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.URI;
import java.net.URISyntaxException;
import org.annexp2p.http.wire.UrlText;
import org.annexp2p.protocol.wire.Uuid;

/**
 * An {@code annex+http://HOST[:PORT]/git-annex/} (or {@code annex+https://}) address and the HTTP base it names;
 * the port defaults to p2phttp's 9417. Requests go to {@code BASE/SERVER-UUID/vN/ROUTE}. The address may end in
 * the served repository's UUID ({@code .../git-annex/UUID}), which is then the one requests name: git-annex's URL
 * leaves it out and learns it from the remote's git config, which a bare address does not have.
 */
public record AnnexUrl(URI base, Option<Uuid> repository) {
    public static final int DEFAULT_PORT = 9417;
    private static final String SERVED_UNDER = "git-annex";

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
            // Credentials in the address would end up on command lines and in logs: they come from elsewhere.
            return Either.left("an annex+http address is HOST[:PORT]/PATH, without user, query or fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" + SERVED_UNDER + "/" : uri.getRawPath();
        Option<Uuid> repository = Option.none();
        String[] segments = path.replaceAll("/+$", "").split("/");
        if (segments.length >= 2 && segments[segments.length - 2].equals(SERVED_UNDER)) {
            Either<String, String> uuid = UrlText.decode(segments[segments.length - 1], false);
            if (uuid.isLeft() || uuid.get().isEmpty() || !new Uuid(uuid.get().replace('\n', ' ')).isWord()) {
                return Either.left("not a repository UUID after git-annex/ in " + address);
            }
            repository = Option.some(new Uuid(uuid.get()));
            path = path.substring(0, path.replaceAll("/+$", "").lastIndexOf('/') + 1);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String host = uri.getRawAuthority().startsWith("[") ? "[" + uri.getHost().replaceAll("^\\[|]$", "") + "]" : uri.getHost();
        return Either.right(new AnnexUrl(URI.create(scheme + "://" + host + ":" + port + (path.endsWith("/") ? path : path + "/")),
                repository));
    }

    /** Whether the address is for this client: the scheme alone decides. */
    public static boolean names(String address) {
        return address.startsWith("annex+http://") || address.startsWith("annex+https://");
    }

    /**
     * Whether requests to it cross a network in plaintext: {@code annex+http://} to a host that is not this machine
     * (credentials and content unencrypted). A name that does not resolve counts as off the machine.
     */
    public boolean plaintextOffMachine() {
        if (!base.getScheme().equals("http")) {
            return false;
        }
        try {
            return !java.net.InetAddress.getByName(base.getHost().replaceAll("^\\[|]$", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    /** The same server, whichever repository the address named. */
    public boolean sameServer(AnnexUrl other) {
        return base.equals(other.base);
    }

    /** How the user wrote it, without the repository: what git-annex keeps in {@code remote.NAME.annexurl}. */
    @Override
    public String toString() {
        return "annex+" + base;
    }
}
