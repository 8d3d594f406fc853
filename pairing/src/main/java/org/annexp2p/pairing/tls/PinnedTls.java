package org.annexp2p.pairing.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS 1.3 over plain TCP where both sides present their self-signed certificate and accept only the key
 * they paired with.
 *
 * <p>In TLS 1.3 a server checks the client's certificate after the client considers the handshake done, so a
 * client would only learn of a refusal on its first read. The server therefore sends one "accepted" byte after
 * its checks, and {@link #connect} waits for it: a refused client gets a clear error from {@code connect},
 * not a confusing one later.
 */
public final class PinnedTls {

    static final int ACCEPTED = 0x2A;
    private static final String[] PROTOCOLS = {"TLSv1.3"};

    private PinnedTls() {
    }

    /** An SSL context presenting {@code own} and trusting only {@code pin}. */
    public static SSLContext context(TlsIdentity own, KeyFingerprint pin) {
        return context(own, new PinnedTrustManager(TrustedKeys.of(pin)));
    }

    /**
     * An SSL context presenting {@code own} and deciding trust with {@code trust}: for pre-pairing exchanges
     * that authenticate by other means (the shared secret).
     */
    public static SSLContext context(TlsIdentity own, TrustManager trust) {
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("own", own.keyPair().getPrivate(), password, new Certificate[] {own.certificate()});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Connects to {@code address} and completes a handshake in which the server must present the pinned key
     * and must accept ours, all within {@code timeout}.
     *
     * @throws IOException naming the address and the reason: unreachable, wrong key, or our key refused
     */
    public static SSLSocket connect(InetSocketAddress address, TlsIdentity own, KeyFingerprint pin, Duration timeout) throws IOException {
        return open(address, own, new PinnedTrustManager(TrustedKeys.of(pin)), true, timeout);
    }

    /**
     * Like {@link #connect} but trusting whatever {@code trust} accepts; for pre-pairing calls whose content is
     * authenticated by the shared secret instead.
     */
    public static SSLSocket connectAnyKey(InetSocketAddress address, TlsIdentity own, X509TrustManager trust, Duration timeout)
            throws IOException {
        return open(address, own, trust, false, timeout);
    }

    /** Server side of the handshake for sockets from our own server sockets: handshake, then the accepted byte. */
    public static void acceptHandshake(SSLSocket socket) throws IOException {
        socket.startHandshake();
        socket.getOutputStream().write(ACCEPTED);
        socket.getOutputStream().flush();
    }

    /**
     * With {@code pinned}, a failure after the server proved it holds the pinned key is reported as a refusal of
     * ours ({@link #refusedAfterProof}); without, the server's key proves nothing and failures are said as seen.
     */
    private static SSLSocket open(InetSocketAddress address, TlsIdentity own, X509TrustManager trust, boolean pinned, Duration timeout)
            throws IOException {
        ServerProof proof = new ServerProof(trust, pinned);
        // Not layered over a plain socket: JSSE supports TLS 1.3 half-close only on its own sockets.
        SSLSocket tls = (SSLSocket) context(own, proof).getSocketFactory().createSocket();
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            tls.connect(address, millis);
            tls.setSoTimeout(millis);
            tls.setEnabledProtocols(PROTOCOLS);
            tls.setUseClientMode(true);
            tls.startHandshake();
            int verdict = tls.getInputStream().read();
            if (verdict != ACCEPTED) {
                throw proof.proved() ? refusedAfterProof(address, "end of stream", null)
                        : new IOException("TLS peer at " + describe(address) + " closed the connection without accepting our key");
            }
            tls.setSoTimeout(0);
            return tls;
        } catch (SocketTimeoutException e) {
            close(tls);
            throw new IOException("TLS connection to " + describe(address) + " timed out after " + timeout.toMillis() + " ms", e);
        } catch (SSLException e) {
            close(tls);
            // Once the server proved its key we have nothing left to refuse, so only its alert can name the refusal.
            throw proof.proved() && !alertRefusesOurKey(String.valueOf(e.getMessage())) ? refusedAfterProof(address, e.getMessage(), e)
                    : explain("TLS peer at " + describe(address), e);
        } catch (IOException e) {
            close(tls);
            if (e.getMessage() != null && e.getMessage().startsWith("TLS peer")) {
                throw e;
            }
            if (proof.proved()) {
                throw refusedAfterProof(address, e.getMessage(), e);
            }
            throw new IOException("cannot connect to " + describe(address) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The peer proved it holds the key we trust, then dropped the connection before its "accepted" byte. Our server
     * does that only when it refuses the client's key (or stops), and the TLS alert saying so is often lost: the
     * server closes with our later handshake records unread, so its kernel answers with a reset that discards the
     * alert, and we see "Broken pipe" or "Connection reset" instead.
     */
    private static IOException refusedAfterProof(InetSocketAddress address, String seen, Exception cause) {
        return new IOException("TLS peer at " + describe(address) + " refused our key: it showed the paired key, then closed the "
                + "connection without accepting ours (" + seen + ")", cause);
    }

    /** Opens a pinned TLS server socket; see {@link PinnedTlsServer}. */
    public static PinnedTlsServer listen(InetSocketAddress bind, TlsIdentity own, KeyFingerprint pin) throws IOException {
        return listen(bind, own, TrustedKeys.of(pin));
    }

    /**
     * A server trusting every key in {@code trusted}, which may grow while it runs: a LAN listener exists before
     * pairing (its address is part of what is exchanged) and trusts the new peer from the moment pairing ends.
     */
    public static PinnedTlsServer listen(InetSocketAddress bind, TlsIdentity own, TrustedKeys trusted) throws IOException {
        return new PinnedTlsServer(bind, context(own, new PinnedTrustManager(trusted)));
    }

    static IOException explain(String who, SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PinMismatchException mismatch) {
                return new IOException(who + " refused: " + mismatch.getMessage(), e);
            }
        }
        String message = String.valueOf(e.getMessage());
        if (alertRefusesOurKey(message)) {
            return new IOException(who + " refused our key: it is not the key that peer paired with (" + message + ")", e);
        }
        return new IOException("TLS handshake with " + who.replaceFirst("^TLS peer at ", "") + " failed: " + message, e);
    }

    /** Whether a handshake failure's message is the peer's alert refusing the certificate we presented. */
    private static boolean alertRefusesOurKey(String message) {
        return message.contains("certificate_unknown") || message.contains("bad_certificate") || message.contains("certificate_required");
    }

    static String describe(InetSocketAddress a) {
        return a.getAddress() == null ? a.toString() : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static void close(Socket tls) {
        try {
            tls.close();
        } catch (IOException ignored) {
            // The connection failed already; the caller gets that error, not this one.
        }
    }

    static String[] protocols() {
        return PROTOCOLS.clone();
    }
}
