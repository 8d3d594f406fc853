package org.annexp2p.session.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.lan.LanDial;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.WireText;
import org.annexp2p.repository.Repository;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.transports.FailureWords;

/**
 * The first link to a newly paired peer: TLS pinned to the key the pairing gave, then AUTH with the new token through
 * the protocol's client program ({@link PeerSession}), as every later link does. Only the repository we paired with
 * may answer: AUTH-SUCCESS naming any other UUID (the codec takes any word there, as git-annex does) is no link.
 */
final class FirstLink {

    private static final Duration RETRY = Duration.ofMillis(300);
    /** AUTH and nothing after it, as git-annex's own links do. */
    private static final PeerSession.Options AUTH_ONLY = new PeerSession.Options(Transcript.NONE, Relays.NONE, false);

    private FirstLink() {
    }

    /**
     * Calls the peer at each of its addresses in turn, until the repository {@code paired} answers AUTH with
     * AUTH-SUCCESS or {@code bound} passes (the peer may still be finishing its side of the pairing). Empty when
     * authenticated, else the last problem; text in it may be the peer's, to escape before it is shown.
     */
    public static Optional<String> authenticate(List<InetSocketAddress> addresses, TlsIdentity own, KeyFingerprint pin,
            Repository ours, Uuid paired, AuthToken token, Duration bound, Consumer<String> log) {
        if (addresses.isEmpty()) {
            return Optional.of("the other device named no address to call");
        }
        long deadline = System.nanoTime() + bound.toNanos();
        String problem = "no attempt";
        while (System.nanoTime() - deadline < 0) {
            for (InetSocketAddress a : addresses) {
                Optional<String> failed = attempt(a, own, pin, ours, paired, token);
                if (failed.isEmpty()) {
                    log.accept("linked to " + LanAddress.format(a) + " over pinned TLS, AUTH accepted");
                    return Optional.empty();
                }
                problem = failed.get();
                log.accept("link attempt: " + problem);
            }
            LockSupport.parkNanos(RETRY.toNanos());
        }
        return Optional.of(problem + " (gave up after " + TimeUnit.NANOSECONDS.toSeconds(bound.toNanos()) + " s)");
    }

    /** One call at {@code address}: empty when {@code paired} authenticated us there, else why not. */
    private static Optional<String> attempt(InetSocketAddress address, TlsIdentity own, KeyFingerprint pin, Repository ours,
            Uuid paired, AuthToken token) {
        SSLSocket socket;
        try {
            socket = PinnedTls.connect(address, own, pin, LanDial.LINK_ATTEMPT);
            socket.setSoTimeout((int) LanDial.LINK_ATTEMPT.toMillis());
        } catch (IOException e) {
            return Optional.of(FailureWords.of(e));
        }
        Dialed dialed = new Dialed(new TlsConnection(socket), new Greeting.Token(token), Optional.empty(), true);
        try (PeerSession session = PeerSession.open(dialed, ours, AUTH_ONLY)) {
            if (!session.peer().equals(paired)) {
                return Optional.of(LanAddress.format(address) + " authenticated as " + session.peer().value()
                        + ", not as the repository paired with (" + paired.value() + ")");
            }
            return Optional.empty();
        } catch (PeerFailure f) {
            return Optional.of(f.worded(wire -> new String(WireText.toBytes(wire), StandardCharsets.UTF_8), FailureWords::ofReason));
        } catch (IOException e) {
            return Optional.of(FailureWords.of(e));
        }
    }
}
