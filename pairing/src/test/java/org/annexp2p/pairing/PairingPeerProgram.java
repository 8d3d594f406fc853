package org.annexp2p.pairing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.conversation.PairData;
import org.annexp2p.pairing.conversation.PairingResult;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.PinnedTlsServer;
import org.annexp2p.pairing.tls.TlsConnection;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.pairing.tls.TrustedKeys;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;

/**
 * One side of a LAN pairing in its own JVM, for {@link TwoProcessPairingIT}: pairs over real UDP on loopback
 * (the request goes to the multicast group), then links over TLS pinned to the key it paired with and proves the
 * shared token. The secret comes on stdin; stdout carries OWN/PEER key fingerprints and a hash of the token
 * (never the token).
 *
 * <p>Arguments: {@code requester|responder <udp port> <timeout seconds>} (the responder binds that port; the requester
 * sends there).
 */
public final class PairingPeerProgram {

    private static Duration timeout = Duration.ofSeconds(30);

    private PairingPeerProgram() {
    }

    public static void main(String[] args) throws Exception {
        boolean requester = args[0].equals("requester");
        int port = Integer.parseInt(args[1]);
        timeout = Duration.ofSeconds(Integer.parseInt(args[2]));
        String phrase = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        SharedSecret secret = SharedSecret.fromPhrase(phrase);
        TlsIdentity identity = TlsIdentity.generate(args[0]);
        TrustedKeys trusted = new TrustedKeys();
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (PinnedTlsServer server = PinnedTls.listen(new InetSocketAddress(lo, 0), identity, trusted);
                UdpEndpoint endpoint = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, requester ? 0 : port))) {
            endpoint.joinGroup(DiscoveryGroups.IPV4_GROUP);
            System.out.println("OWN " + identity.fingerprint().hex());
            System.out.println("READY");
            System.out.flush();
            PairingOptions options = new PairingOptions(requester ? PairingSetup.Role.REQUESTER : PairingSetup.Role.RESPONDER, secret, endpoint,
                    requester ? List.of(DiscoveryGroups.ipv4(port)) : List.of(), args[0] + "-host", "user", "/tmp/" + args[0], "uuid-" + args[0],
                    identity, List.of(new InetSocketAddress(lo, server.port())), Duration.ofMillis(300), timeout, Duration.ofSeconds(2), Optional.empty(),
                    line -> System.err.println(args[0] + ": " + line));
            PairingOutcome outcome = LanPairing.run(options);
            if (outcome instanceof PairingOutcome.Failed f) {
                System.out.println("FAILED " + f.reason());
                System.exit(1);
            }
            PairingResult result = ((PairingOutcome.Paired) outcome).result();
            PairData peer = result.peer();
            KeyFingerprint peerKey = KeyFingerprint.of(peer.publicKey());
            trusted.add(peerKey);
            System.out.println("PEER " + peerKey.hex());
            System.out.println("TOKEN " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(result.token().value().getBytes(StandardCharsets.US_ASCII))));
            System.out.flush();
            boolean linked = requester ? callPeer(peer, identity, peerKey, result) : answerPeer(server, result);
            System.out.println(linked ? "LINK OK" : "LINK REFUSED");
            System.exit(linked ? 0 : 1);
        }
    }

    private static boolean callPeer(PairData peer, TlsIdentity identity, KeyFingerprint peerKey, PairingResult result) throws IOException {
        try (TlsConnection c = new TlsConnection(PinnedTls.connect(peer.addresses().get(0), identity, peerKey, timeout))) {
            c.output().write(("AUTH " + result.token().value() + "\n").getBytes(StandardCharsets.US_ASCII));
            c.output().flush();
            return "OK".equals(new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.US_ASCII)).readLine());
        }
    }

    private static boolean answerPeer(PinnedTlsServer server, PairingResult result) throws IOException {
        try (TlsConnection c = new TlsConnection(server.accept(timeout))) {
            String line = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.US_ASCII)).readLine();
            boolean ok = line != null && line.startsWith("AUTH ") && MessageDigest.isEqual(
                    line.substring(5).getBytes(StandardCharsets.US_ASCII), result.token().value().getBytes(StandardCharsets.US_ASCII));
            c.output().write((ok ? "OK\n" : "NO\n").getBytes(StandardCharsets.US_ASCII));
            c.output().flush();
            return ok;
        }
    }
}
