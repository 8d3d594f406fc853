package org.annexp2p.http.server;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.annexp2p.http.wire.BracketedBase64;
import org.annexp2p.http.wire.UrlText;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.Repository;

/** A server on 127.0.0.1 over one repository, and the requests tests send it. */
final class ServerFixture implements AutoCloseable {
    static final String CLIENT = "c1c1c1c1-0000-4000-8000-000000000001";

    final Repository repository;
    final P2pHttpServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    ServerFixture(Repository repository, AuthPolicy policy) throws IOException {
        this(repository, policy, P2pHttpServer.Settings.DEFAULT_IDLE);
    }

    ServerFixture(Repository repository, AuthPolicy policy, java.time.Duration idle) throws IOException {
        this(repository, policy, idle, 64);
    }

    /** {@code requests}: how many requests it serves at once (more get 503). */
    ServerFixture(Repository repository, AuthPolicy policy, java.time.Duration idle, int requests) throws IOException {
        this.repository = repository;
        this.server = P2pHttpServer.start(new P2pHttpServer.Settings("127.0.0.1", 0, Option.none(), policy, requests, 16, idle),
                ServedRepositories.single(repository));
    }

    /** The path and query of {@link #url}, for raw requests. */
    String path(String version, String route, String query) {
        return url(version, route, query).substring(base().indexOf("/git-annex"));
    }

    static AuthPolicy wideOpen() {
        return new AuthPolicy(Option.some(ServerMode.READ_WRITE), true, false, false, Users.none());
    }

    String base() {
        return "http://127.0.0.1:" + server.address().getPort() + "/git-annex/" + repository.uuid().value();
    }

    static String key(Key key) {
        return UrlText.encode(BracketedBase64.encode(key.serialize()));
    }

    String url(String version, String route, String query) {
        return base() + "/" + version + "/" + route + "?clientuuid=" + CLIENT + query;
    }

    HttpResponse<String> post(String url, Option<String> authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        authorization.forEach(a -> b.header("Authorization", a));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> put(String url, long dataLength, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-git-annex-data-length", Long.toString(dataLength))
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A raw request, for what a well-behaved client cannot send; returns all the server answered until it closed. */
    String raw(String head, byte[] body, boolean halfClose) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
