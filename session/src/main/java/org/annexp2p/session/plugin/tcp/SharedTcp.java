package org.annexp2p.session.plugin.tcp;

import java.util.function.Supplier;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * The one TCP transport (its event loop) the tcp:// and tls:// plugins share, made on first use: a command that
 * dials an onion or starts a command never starts it. Closing it ends every connection and listener it made, so
 * its owner closes it last.
 */
public final class SharedTcp implements Supplier<TcpTransport>, AutoCloseable {
    private TcpTransport tcp;

    @Override
    public synchronized TcpTransport get() {
        if (tcp == null) {
            tcp = new TcpTransport();
        }
        return tcp;
    }

    @Override
    public synchronized void close() {
        if (tcp != null) {
            tcp.close();
        }
    }
}
