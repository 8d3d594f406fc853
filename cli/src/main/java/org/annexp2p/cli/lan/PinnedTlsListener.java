package org.annexp2p.cli.lan;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.annexp2p.cli.ErrorWords;
import org.annexp2p.pairing.tls.PinnedTlsServer;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/**
 * A transports {@link Listener} over a pinned TLS server: clients whose key is not paired are refused during the
 * handshake (reported to {@code refusals}, one line), and accepting goes on with the next client.
 */
final class PinnedTlsListener implements Listener {

    private static final Duration ACCEPT_SLICE = Duration.ofSeconds(1);

    private final PinnedTlsServer server;
    private final Consumer<String> refusals;
    private volatile boolean closed;

    public PinnedTlsListener(PinnedTlsServer server, Consumer<String> refusals) {
        this.server = server;
        this.refusals = refusals;
    }

    @Override
    public Connection accept() throws IOException {
        while (!closed) {
            try {
                return new TlsConnection(server.accept(ACCEPT_SLICE));
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                // The timeout of one slice is not news; a refused or broken handshake is.
                if (!String.valueOf(e.getMessage()).startsWith("no TLS client connected")) {
                    refusals.accept(ErrorWords.of(e));
                }
            }
        }
        throw new IOException("listener closed");
    }

    @Override
    public String address() {
        return LanAddress.format(server.localAddress());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        closed = true;
        server.close();
    }
}
