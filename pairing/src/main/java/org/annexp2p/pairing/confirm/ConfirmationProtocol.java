package org.annexp2p.pairing.confirm;

import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.KeyFingerprint;

/**
 * The confirmation listener's line protocol over TLS:
 * <pre>
 * A -> B: OBSERVED &lt;ip A saw B at&gt; &lt;A device&gt; &lt;A ip&gt; &lt;A port&gt; &lt;nonce&gt; &lt;mac&gt;
 * B -> A: CONFIRMED &lt;ip&gt; &lt;mac&gt;   |   UNCONFIRMED &lt;reason...&gt;
 * B -> B: SELF &lt;code&gt;   answered   SELF-OK | SELF-NO
 * </pre>
 * Both MACs (confirmation key from the shared secret) cover B's TLS key as seen in the session, so a relay in
 * the middle, presenting another key, breaks them; B's CONFIRMED lets A pin B's key.
 */
final class ConfirmationProtocol {

    private ConfirmationProtocol() {
    }

    static String mac(SharedSecret secret, String text, KeyFingerprint calleeKey) {
        return HexFormat.of().formatHex(secret.mac(SharedSecret.Purpose.CONFIRMATION,
                text.getBytes(StandardCharsets.US_ASCII), calleeKey.sha256()));
    }

    static boolean verify(SharedSecret secret, String text, KeyFingerprint calleeKey, String macHex) {
        if (!macHex.matches("[0-9a-f]{64}")) {
            return false;
        }
        return secret.verify(SharedSecret.Purpose.CONFIRMATION, HexFormat.of().parseHex(macHex),
                text.getBytes(StandardCharsets.US_ASCII), calleeKey.sha256());
    }

    static KeyFingerprint peerKey(SSLSocket socket) throws SSLPeerUnverifiedException {
        Certificate[] chain = socket.getSession().getPeerCertificates();
        return KeyFingerprint.of(chain[0].getPublicKey());
    }
}
