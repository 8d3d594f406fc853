package org.annexp2p.wormhole.transit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.annexp2p.wormhole.crypto.Hkdf;
import org.annexp2p.wormhole.crypto.SecretBox;

/** Everything Transit derives from the transit key: handshake lines, relay token, record keys. */
public final class TransitSecrets {

    private final byte[] transitKey;

    public TransitSecrets(byte[] transitKey) {
        if (transitKey.length != 32) {
            throw new IllegalArgumentException("transit key must be 32 bytes");
        }
        this.transitKey = transitKey.clone();
    }

    private String hex(String purpose) {
        return HexFormat.of().formatHex(Hkdf.derive(transitKey, purpose.getBytes(StandardCharsets.US_ASCII), 32));
    }

    /** The line the given role sends first on every connection, direct or relayed. */
    public byte[] handshake(TransitRole role) {
        String line = role == TransitRole.SENDER
                ? "transit sender " + hex("transit_sender") + " ready\n\n"
                : "transit receiver " + hex("transit_receiver") + " ready\n\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /** What to tell a relay so it pairs us with the peer: same token, different {@code side}. */
    public byte[] relayHandshake(String transitSide) {
        return ("please relay " + hex("transit_relay_token") + " for side " + transitSide + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The box records written by {@code role} are sealed with. */
    public SecretBox recordBox(TransitRole role) {
        String purpose = role == TransitRole.SENDER ? "transit_record_sender_key" : "transit_record_receiver_key";
        return new SecretBox(Hkdf.derive(transitKey, purpose.getBytes(StandardCharsets.US_ASCII), 32));
    }

    @Override
    public String toString() {
        return "TransitSecrets[hidden]";
    }
}
