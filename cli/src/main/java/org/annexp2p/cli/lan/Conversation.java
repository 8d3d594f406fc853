package org.annexp2p.cli.lan;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;

/**
 * What one pairing conversation needs, found by discovery (--secret) or taken from a QR payload; {@code resources}
 * (e.g. the discovery still announcing us) end with the conversation.
 */
record Conversation(PairingSetup.Role role, SharedSecret secret, List<InetSocketAddress> targets,
        Optional<KeyFingerprint> expectedKey, AutoCloseable resources) {

    Conversation {
        targets = List.copyOf(targets);
    }

    void close() throws Exception {
        resources.close();
    }
}
