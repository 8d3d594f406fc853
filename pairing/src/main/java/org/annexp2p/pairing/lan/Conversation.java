package org.annexp2p.pairing.lan;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;

/**
 * What one pairing conversation needs, found by discovery (--secret) or taken from a QR payload; {@code resources}
 * (e.g. the discovery still announcing us) end with the conversation.
 */
public record Conversation(PairingSetup.Role role, SharedSecret secret, List<InetSocketAddress> targets,
        Optional<KeyFingerprint> expectedKey, AutoCloseable resources) {

    public Conversation {
        targets = List.copyOf(targets);
    }

    /** Asking the device whose QR code gave {@code payload}, at the addresses it names, for the key it names. */
    public static Conversation requesting(QrPayload payload) {
        return new Conversation(PairingSetup.Role.REQUESTER, SharedSecret.fromPhrase(payload.secret()),
                LanPairing.requestTargets(payload), Optional.of(payload.key()), () -> { });
    }

    /** Asking the device at {@code target}, which waits with the same secret. */
    public static Conversation requesting(SharedSecret secret, InetSocketAddress target) {
        return new Conversation(PairingSetup.Role.REQUESTER, secret, List.of(target), Optional.empty(), () -> { });
    }

    /** As {@link #requesting(SharedSecret, InetSocketAddress)}, from a device that must hold {@code key}. */
    public static Conversation requesting(SharedSecret secret, InetSocketAddress target, KeyFingerprint key) {
        return new Conversation(PairingSetup.Role.REQUESTER, secret, List.of(target), Optional.of(key), () -> { });
    }

    /** Waiting to be asked by a device that knows {@code secret}; {@code resources} end with the conversation. */
    public static Conversation responding(SharedSecret secret, AutoCloseable resources) {
        return new Conversation(PairingSetup.Role.RESPONDER, secret, List.of(), Optional.empty(), resources);
    }

    public void close() throws Exception {
        resources.close();
    }
}
