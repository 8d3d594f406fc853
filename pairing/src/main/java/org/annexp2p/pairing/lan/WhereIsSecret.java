package org.annexp2p.pairing.lan;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * The key that authenticates "where is repository X now?" and its answer between two paired repositories.
 *
 * <p>Both sides already hold the pairing's auth token, and only they do, so it is the natural secret; the label
 * separates the derived key from the token's own use in AUTH, so a MAC on the LAN reveals nothing usable there.
 * The token is high-entropy (it is not a phrase), hence a plain HMAC rather than PBKDF2.
 */
final class WhereIsSecret {

    static final String LABEL = "annex-p2p where-is v1";

    private WhereIsSecret() {
    }

    static SharedSecret of(AuthToken token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return SharedSecret.fromKey(mac.doFinal(LABEL.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
