package org.annexp2p.pairing.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The phrase both users entered, turned into independent keys, one per {@link Purpose}.
 *
 * <p>PBKDF2 first, because a phrase is low-entropy and every announcement on the LAN is an offline
 * guessing oracle for it; then HKDF-Expand so that a MAC made for discovery can never be replayed as a
 * pairing message. The phrase itself is not kept.
 */
public final class SharedSecret {

    /** What a derived key is used for; the label is part of the key derivation. */
    public enum Purpose {
        DISCOVERY("annex-p2p discovery"),
        CONVERSATION("annex-p2p pairing conversation"),
        TOKEN("annex-p2p auth token"),
        CONFIRMATION("annex-p2p confirmation");

        private final String label;

        Purpose(String label) {
            this.label = label;
        }
    }

    static final int ITERATIONS = 120_000;
    private static final byte[] SALT = "annex-p2p lan pairing v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] master;

    private SharedSecret(byte[] master) {
        this.master = master;
    }

    /**
     * Derives the keys from any phrase; the phrase is Unicode-normalised (NFC) so that the same words typed
     * on two keyboards give the same keys.
     *
     * @throws IllegalArgumentException if the phrase is empty
     */
    public static SharedSecret fromPhrase(String phrase) {
        String normal = Normalizer.normalize(phrase, Normalizer.Form.NFC);
        if (normal.isBlank()) {
            throw new IllegalArgumentException("the pairing secret must not be empty");
        }
        char[] chars = normal.toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(chars, SALT, ITERATIONS, 256);
            byte[] master = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            return new SharedSecret(master);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JVM", e);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    /**
     * Keys from 32 bytes that are already uniformly random (e.g. derived from a paired device's auth token), so
     * PBKDF2's stretching, which only protects low-entropy phrases, is skipped. The bytes are copied.
     *
     * @throws IllegalArgumentException unless exactly 32 bytes
     */
    public static SharedSecret fromKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a SharedSecret key is 32 bytes, not " + key.length);
        }
        return new SharedSecret(key.clone());
    }

    /** A fresh random phrase (128 bits, URL-safe base64) for QR pairing, where nobody has to type it. */
    public static String randomPhrase() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** HMAC-SHA256 of the concatenated parts under the key for {@code purpose}. */
    public byte[] mac(Purpose purpose, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(purpose), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /** Constant-time check of a MAC made by {@link #mac}. */
    public boolean verify(Purpose purpose, byte[] expectedMac, byte[]... parts) {
        return MessageDigest.isEqual(mac(purpose, parts), expectedMac);
    }

    /** {@code length} bytes of key material for {@code purpose}, bound to {@code salt}. */
    public byte[] expand(Purpose purpose, byte[] salt, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(master, salt, purpose.label.getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private byte[] key(Purpose purpose) {
        return expand(purpose, new byte[0], 32);
    }

    @Override
    public String toString() {
        return "SharedSecret[hidden]";
    }
}
