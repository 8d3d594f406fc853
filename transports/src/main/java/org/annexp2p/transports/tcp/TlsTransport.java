package org.annexp2p.transports.tcp;

import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;

/**
 * TCP under TLS 1.3, where the client trusts exactly the server key its {@link TlsAddress} pins: no certificate
 * authority, no host name check, no client certificate (clients authenticate inside the channel, with their AUTH
 * token). Connections are the TCP transport's, with a TLS handshake in front: the same backpressure, half-close
 * (close_notify, then FIN), idle timeout and orderly close, but no sendfile, since every byte passes the cipher.
 *
 * <p>A dial returns only after the handshake, so a client whose pin does not match has sent nothing but its
 * ClientHello. A listener hands out only connections whose handshake completed: a peer that speaks no TLS, or
 * stalls, is closed by the event loop within the handshake timeout and never reaches the server's handlers.
 *
 * <p>Uses the event loop of the {@link TcpTransport} it is made with; closing that ends its connections too.
 */
public final class TlsTransport {

    private static final String PROTOCOL = "TLSv1.3";
    /** A peer that has not finished its handshake by then is closed. */
    static final Duration SERVER_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final TcpTransport tcp;

    public TlsTransport(TcpTransport tcp) {
        this.tcp = Objects.requireNonNull(tcp, "tcp");
    }

    /** Dials {@code tls://HOST:PORT/PIN} addresses. */
    public Dialer dialer() {
        return this::dial;
    }

    /**
     * Connects to {@code address} ({@code tls://HOST:PORT/PIN}) and completes the handshake within {@code timeout}.
     *
     * @throws IOException in one line: unreachable, not a TLS server, or a key other than the pinned one
     */
    public Connection dial(String address, Duration timeout) throws IOException {
        TlsAddress target;
        try {
            target = TlsAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return dial(target, timeout);
    }

    public Connection dial(TlsAddress target, Duration timeout) throws IOException {
        SslContext context;
        try {
            context = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOL)
                    .trustManager(new PinnedServerKey(target.pin()))
                    .build();
        } catch (SSLException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        return tcp.dial(target.endpoint(), target.toString(), timeout, new Handshake(context, timeout));
    }

    /**
     * Listens on {@code address} ({@code HOST:PORT} or {@code tls://HOST:PORT}) presenting {@code key}. The
     * listener's {@link Listener#address()} is the {@code tls://HOST:PORT/PIN} a client dials.
     */
    public Listener listen(String address, TlsServerKey key) throws IOException {
        TcpAddress local;
        try {
            local = TlsAddress.parseListen(address);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        SslContext context;
        try {
            context = SslContextBuilder.forServer(key.privateKey(), key.certificate())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOL)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot set up TLS with this key: " + e.getMessage(), e);
        }
        return new PinnedListener(tcp.listen(local, new Handshake(context, SERVER_HANDSHAKE_TIMEOUT)), key.pin());
    }

    /** An SslHandler in front of the pipeline; its handshake is the channel's setup. */
    private record Handshake(SslContext context, Duration timeout) implements ChannelSetup {

        @Override
        public String scheme() {
            return "tls";
        }

        @Override
        public Future<?> begin(SocketChannel channel) {
            // No peer host given: no SNI (it would tell the path which name we want) and no name check.
            SslHandler handler = context.newHandler(channel.alloc());
            handler.setHandshakeTimeoutMillis(Math.max(1, timeout.toMillis()));
            channel.pipeline().addFirst(handler);
            return handler.handshakeFuture();
        }

        @Override
        public IOException failure(String target, Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof PinnedServerKey.Mismatch mismatch) {
                    return new IOException("refusing " + target + ": " + mismatch.getMessage()
                            + " (nothing was sent to it; check the address, or ask its owner for the current one)", cause);
                }
            }
            String why = NettyInbound.describe(cause);
            if (why.contains("timed out")) {
                return new IOException("TLS handshake with " + target + " timed out after " + timeout.toMillis()
                        + " ms (is it serving plaintext tcp:// instead?)", cause);
            }
            return new IOException("TLS handshake with " + target + " failed: " + why
                    + " (is it serving plaintext tcp:// instead?)", cause);
        }
    }

    /** The TCP listener, addressed as clients must dial it: with the pin. */
    private record PinnedListener(Listener tcp, KeyPin pin) implements Listener {

        @Override
        public Connection accept() throws IOException {
            return tcp.accept();
        }

        @Override
        public String address() {
            return new TlsAddress(TcpAddress.parse(tcp.address()), pin).toString();
        }

        @Override
        public void close() {
            tcp.close();
        }
    }
}
