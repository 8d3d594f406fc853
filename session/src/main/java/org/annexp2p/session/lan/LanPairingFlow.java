package org.annexp2p.session.lan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.PairingOptions;
import org.annexp2p.pairing.PairingOutcome;
import org.annexp2p.pairing.conversation.PairData;
import org.annexp2p.pairing.conversation.PairingResult;
import org.annexp2p.pairing.lan.Conversation;
import org.annexp2p.pairing.lan.LanEndpoints;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.lan.LanPeer;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.pairing.lan.PinnedTlsListener;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;

/**
 * {@code pair --lan} once a conversation is set up: run the pairing conversation, then make the first link — serve
 * the new peer (AUTH with the new token only, its key only) while calling it — and save the pairing only once our
 * own call has authenticated. The peer then has a bounded time to finish its call to us ({@link #awaitLinkBack}),
 * until this flow is closed.
 */
public final class LanPairingFlow implements AutoCloseable {

    /** How long the other device may take to link back once we are paired, and how much longer our own call may try. */
    public static final Duration PEER_LINK_WAIT = Duration.ofSeconds(20);

    private final AnnexRepository repository;
    private final LanEndpoints ends;
    private final CountDownLatch peerCalled = new CountDownLatch(1);
    private ConnectionServer server;

    /** What came of it: paired and saved, or why not and what to try (nothing was saved then). */
    public sealed interface Outcome {
        /** The peer as it described itself (its user, host and path are its own choice: escape before showing). */
        record Paired(PairData peer, KeyFingerprint peerKey) implements Outcome {
        }

        record Failed(String reason, String advice) implements Outcome {
        }
    }

    public LanPairingFlow(AnnexRepository repository, LanEndpoints ends) {
        this.repository = repository;
        this.ends = ends;
    }

    /** Pairs over {@code conversation} within {@code left}; then links, and saves on success. Closes the conversation. */
    public Outcome pair(Conversation conversation, Duration left) throws Exception {
        long started = System.nanoTime();
        PairingOutcome outcome;
        try {
            outcome = LanPairing.run(new PairingOptions(conversation.role(), conversation.secret(), ends.endpoint(),
                    conversation.targets(), hostName(), System.getProperty("user.name", "user"),
                    shorten(repository.top().toString(), PairData.MAX_PATH), repository.uuid().toString(), ends.identity(),
                    ends.listenerAddresses(), PairingOptions.DEFAULT_RETRANSMIT, left, Duration.ofSeconds(2),
                    conversation.expectedKey(), ends.scope().log()));
        } finally {
            conversation.close();
        }
        if (outcome instanceof PairingOutcome.Failed f) {
            return new Outcome.Failed(f.reason(), f.advice());
        }
        Duration rest = left.minusNanos(System.nanoTime() - started);
        return link(((PairingOutcome.Paired) outcome).result(), rest.isNegative() ? Duration.ofSeconds(1) : rest);
    }

    private Outcome link(PairingResult result, Duration left) throws IOException {
        PairData peer = result.peer();
        KeyFingerprint peerKey = KeyFingerprint.of(peer.publicKey());
        AuthToken token = AuthToken.parse(result.token().value()).get();
        ends.trusted().add(peerKey);
        Serving serving = new Serving(repository, ServerMode.READ_WRITE, () -> List.of(token),
                new GitRelays(repository.top(), null, null), Transcript.NONE);
        PinnedTlsListener listener = new PinnedTlsListener(ends.tlsServer(), line -> ends.scope().log().accept("link refused: " + line));
        // The peer has linked back once it has authenticated: closing the server any earlier would cut its AUTH short.
        server = ConnectionServer.start(listener,
                (connection, admission) -> serving.handle(connection, admission.whenAuthenticated(peerCalled::countDown)),
                ServerOptions.of(4, "ERROR busy\n"));
        var problem = FirstLink.authenticate(peer.addresses(), ends.identity(), peerKey, repository, new Uuid(peer.repositoryUuid()),
                token, left.plus(PEER_LINK_WAIT), ends.scope().log());
        if (problem.isPresent()) {
            return new Outcome.Failed("paired, but the first pinned-TLS link to the other device failed: " + problem.get(),
                    "nothing was saved; check that no firewall blocks TCP between the devices and pair again");
        }
        CredsDir creds = repository.creds();
        LanIdentity.keepUnlessKept(creds, ends.identity());
        LanPeers.store(creds, new LanPeer(peer.repositoryUuid(), peerKey, token, peer.addresses()));
        repository.creds().addAcceptedToken(token);
        return new Outcome.Paired(peer, peerKey);
    }

    /** Whether the other device linked back (and so saved its side too) within {@link #PEER_LINK_WAIT}. */
    public boolean awaitLinkBack() throws InterruptedException {
        return peerCalled.await(PEER_LINK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException e) {
                h = "";
            }
        }
        return shorten(h.isBlank() ? "unknown" : h, PairData.MAX_HOST_NAME);
    }

    private static String shorten(String s, int maxBytes) {
        String t = s;
        while (t.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
