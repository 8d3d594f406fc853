package org.annexp2p.web.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A second web site on another loopback port, as an attacker's page (or any page but ours) is to the browser: a
 * different origin. Serves fixed files by path, with no security headers of its own.
 */
final class ForeignSite implements AutoCloseable {
    private final HttpServer server;

    private ForeignSite(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code files} (path to body; the type from the name's ending) on 127.0.0.1 at a free port. */
    static ForeignSite serving(Map<String, String> files) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = files.get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "not here" : body).getBytes(StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().set("Content-Type", path.endsWith(".js") ? "text/javascript"
                    : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new ForeignSite(server);
    }

    /** The address of {@code path} here. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
