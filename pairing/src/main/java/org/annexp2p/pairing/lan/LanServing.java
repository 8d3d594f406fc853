package org.annexp2p.pairing.lan;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.pairing.tls.TrustedKeys;
import org.annexp2p.transports.ConnectionHandler;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.repository.creds.CredsDir;

/** {@code serve --lan-listen}: TLS that accepts only the keys of LAN-paired peers, and where-is answers for them. */
public final class LanServing {

    private LanServing() {
    }


    /** The listener of {@link #start}, for a server of the caller's own. */
    public static PinnedTlsListener listen(CredsDir creds, String hostPort, Consumer<String> refusals) throws IOException {
        return listen(creds, parse(hostPort), refusals);
    }

    /** As {@link #listen(CredsDir, String, Consumer)} at an address already read. */
    public static PinnedTlsListener listen(CredsDir creds, java.net.InetSocketAddress address, Consumer<String> refusals) throws IOException {
        TlsIdentity identity = LanIdentity.load(creds);
        List<LanPeer> peers = LanPeers.read(creds);
        if (peers.isEmpty()) {
            throw new IOException("no LAN peer is paired with this repository yet; run `annex-p2p pair --lan` first");
        }
        TrustedKeys trusted = new TrustedKeys();
        peers.forEach(p -> trusted.add(p.key()));
        return new PinnedTlsListener(PinnedTls.listen(address, identity, trusted), refusals);
    }


    /** As {@link #answerWhereIs(String, CredsDir, String, int, Consumer)} for a listener at {@code listening}. */
    public static WhereIsAnswers answerWhereIs(String listening, CredsDir creds, String repository, int discoveryPort,
            Consumer<String> problems) throws IOException {
        UUID uuid;
        try {
            uuid = UUID.fromString(repository);
        } catch (IllegalArgumentException e) {
            problems.accept("the repository UUID " + repository + " is not a UUID, so peers cannot ask where it is");
            return WhereIsAnswers.none();
        }
        return WhereIsAnswers.start(creds, uuid, LanAddress.parse(listening), discoveryPort, problems);
    }


    /** One line for the serve banner, for a listener at {@code listening}. */
    public static String describe(String listening, CredsDir creds) throws IOException {
        return "lan://" + listening + " (our key " + LanIdentity.load(creds).fingerprint().hex() + ")";
    }

    /** The address {@code --lan-listen} names; a malformed one is said in one line. */
    public static java.net.InetSocketAddress parse(String hostPort) {
        try {
            return LanAddress.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lan-listen wants a literal IP and port, e.g. 0.0.0.0:4243 or [::]:4243: " + e.getMessage());
        }
    }
}
