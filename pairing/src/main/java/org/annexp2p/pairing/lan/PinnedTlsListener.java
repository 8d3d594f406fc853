package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.annexp2p.pairing.tls.PinnedTlsServer;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.FailureWords;
import org.annexp2p.transports.Listener;

/**
 * A transports {@link Listener} over a pinned TLS server. Accepting never waits on a client: each connection's
 * handshake (where a client whose key is not paired is refused) runs on its first use, on the thread serving it, so
 * a client that is slow to handshake — or never does — holds up only itself, until its server's deadline closes it.
 * Failures to accept are reported to {@code refusals} (one line), and accepting goes on.
 */
public final class PinnedTlsListener implements Listener {

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
                return TlsConnection.handshakingOnFirstUse(server.acceptBeforeHandshake(ACCEPT_SLICE));
            } catch (IOException e) {
                if (closed) {
                    break;
                }
                // The timeout of one slice is not news; anything else is.
                if (!String.valueOf(e.getMessage()).startsWith("no TLS client connected")) {
                    refusals.accept(FailureWords.of(e));
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
