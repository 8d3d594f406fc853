package org.annexp2p.pairing;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.transports.datagram.DatagramEndpoint;

/**
 * One LAN pairing run.
 *
 * @param role {@code REQUESTER} sends the request (to {@code requestTargets}: discovery groups, broadcast, or
 *     the unicast address from a QR payload / {@code --address}); {@code RESPONDER} waits for one
 * @param endpoint the datagram endpoint the conversation runs over (caller opens and closes it)
 * @param identity our TLS identity; its public key is what the peer will pin
 * @param listenerAddresses where our pinned-TLS listener can be reached (from self-IP acquisition)
 * @param expectedPeerKey from a QR payload: the key the peer must have (see {@link PairingSetup#expectedPeerKey()})
 * @param log receives one line per notable event; never secrets
 */
public record PairingOptions(PairingSetup.Role role, SharedSecret secret, DatagramEndpoint endpoint, List<InetSocketAddress> requestTargets,
        String hostName, String user, String repositoryPath, String repositoryUuid, TlsIdentity identity,
        List<InetSocketAddress> listenerAddresses, Duration retransmit, Duration timeout, Duration linger,
        Optional<KeyFingerprint> expectedPeerKey, Consumer<String> log) {

    public static final Duration DEFAULT_RETRANSMIT = Duration.ofMillis(500);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(5);

    public PairingOptions {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(endpoint, "endpoint");
        requestTargets = List.copyOf(requestTargets);
        Objects.requireNonNull(identity, "identity");
        listenerAddresses = List.copyOf(listenerAddresses);
        Objects.requireNonNull(expectedPeerKey, "expectedPeerKey");
        Objects.requireNonNull(log, "log");
    }
}
