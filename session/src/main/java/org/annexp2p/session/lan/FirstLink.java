package org.annexp2p.session.lan;

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
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.lan.LanDial;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.Repository;
import org.annexp2p.transports.FailureWords;

/** The first link to a newly paired peer: TLS pinned to its key, and AUTH with the new token. */
public final class FirstLink {

    private static final int MAX_LINE = 1024;
    private static final Duration RETRY = Duration.ofMillis(300);

    private FirstLink() {
    }

    /**
     * Calls the peer at each of its addresses in turn, until one answers AUTH with AUTH-SUCCESS or {@code bound}
     * passes (the peer may still be finishing its side of the pairing). Empty when authenticated, else the last problem.
     */
    public static Optional<String> authenticate(List<InetSocketAddress> addresses, TlsIdentity own, KeyFingerprint pin,
            Repository ours, org.annexp2p.protocol.wire.Uuid paired, AuthToken token, Duration bound, Consumer<String> log) {
        String ourUuid = ours.uuid().value();
        if (addresses.isEmpty()) {
            return Optional.of("the other device named no address to call");
        }
        long deadline = System.nanoTime() + bound.toNanos();
        String problem = "no attempt";
        while (System.nanoTime() - deadline < 0) {
            for (InetSocketAddress a : addresses) {
                SSLSocket socket;
                try {
                    socket = PinnedTls.connect(a, own, pin, LanDial.LINK_ATTEMPT);
                    socket.setSoTimeout((int) LanDial.LINK_ATTEMPT.toMillis());
                } catch (IOException e) {
                    problem = FailureWords.of(e);
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
                    problem = FailureWords.of(e);
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
