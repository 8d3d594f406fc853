package org.annexp2p.cli.lan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.annexp2p.cli.ErrorWords;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.AuthToken;

/** Dialing a paired peer over TLS pinned to its key. */
final class LanLink {

    private static final int MAX_LINE = 1024;
    private static final Duration RETRY = Duration.ofMillis(300);

    private LanLink() {
    }

    /** Connects to {@code address} presenting {@code own} and accepting only {@code pin}; errors name the address and why. */
    public static TlsConnection dial(InetSocketAddress address, TlsIdentity own, KeyFingerprint pin, Duration timeout) throws IOException {
        return new TlsConnection(PinnedTls.connect(address, own, pin, timeout));
    }

    /**
     * Calls the peer at each of its addresses in turn, until one answers AUTH with AUTH-SUCCESS or {@code bound}
     * passes (the peer may still be finishing its side of the pairing). Empty when authenticated, else the last problem.
     */
    static Optional<String> authenticate(List<InetSocketAddress> addresses, TlsIdentity own, KeyFingerprint pin, String ourUuid,
            AuthToken token, Duration bound, Consumer<String> log) {
        if (addresses.isEmpty()) {
            return Optional.of("the other device named no address to call");
        }
        long deadline = System.nanoTime() + bound.toNanos();
        String problem = "no attempt";
        while (System.nanoTime() - deadline < 0) {
            for (InetSocketAddress a : addresses) {
                SSLSocket socket;
                try {
                    socket = PinnedTls.connect(a, own, pin, LanPairCommand.LINK_ATTEMPT);
                    socket.setSoTimeout((int) LanPairCommand.LINK_ATTEMPT.toMillis());
                } catch (IOException e) {
                    problem = ErrorWords.of(e);
                    log.accept("link attempt: " + problem);
                    continue;
                }
                try (TlsConnection c = new TlsConnection(socket)) {
                    c.output().write(("AUTH " + ourUuid + " " + token.reveal() + "\n").getBytes(StandardCharsets.UTF_8));
                    c.output().flush();
                    String answer = readLine(c.input());
                    if (answer.startsWith("AUTH-SUCCESS ")) {
                        log.accept("linked to " + LanAddress.format(a) + " over pinned TLS, AUTH accepted");
                        return Optional.empty();
                    }
                    problem = LanAddress.format(a) + " answered AUTH with " + (answer.startsWith("AUTH-FAILURE") ? "AUTH-FAILURE" : "something else");
                } catch (IOException e) {
                    problem = ErrorWords.of(e);
                }
                log.accept("link attempt: " + problem);
            }
            LockSupport.parkNanos(RETRY.toNanos());
        }
        return Optional.of(problem + " (gave up after " + TimeUnit.NANOSECONDS.toSeconds(bound.toNanos()) + " s)");
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_LINE) {
                throw new IOException("the peer's answer line is too long");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
