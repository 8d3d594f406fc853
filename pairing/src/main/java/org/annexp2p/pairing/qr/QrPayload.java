package org.annexp2p.pairing.qr;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.annexp2p.pairing.tls.KeyFingerprint;

/**
 * What the QR code shown by {@code pair --lan --qr} carries: where the pairing listener is, which TLS key it
 * will present, and the secret that authenticates the pairing conversation.
 *
 * @param port the pairing listener's TCP/UDP port
 * @param key fingerprint of the listener's TLS public key; the scanning side pins it
 * @param secret the pairing phrase (any text)
 * @param addresses the shower's candidate addresses, best first; may be empty (then discovery finds it)
 */
public record QrPayload(int port, KeyFingerprint key, String secret, List<InetAddress> addresses) {

    public QrPayload {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be within 1..65535, was " + port);
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the secret must not be empty");
        }
        addresses = List.copyOf(addresses);
    }

    @Override
    public String toString() {
        return "QrPayload[port=" + port + ", key=" + key + ", secret=hidden, addresses=" + addresses + "]";
    }
}
