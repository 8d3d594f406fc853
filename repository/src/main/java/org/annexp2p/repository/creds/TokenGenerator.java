package org.annexp2p.repository.creds;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * Makes auth tokens as git-annex's {@code genAuthToken} does: 512 random bytes, hashed with SHA-512, shown as
 * lowercase hex (128 characters) and cut to the length asked for.
 */
public final class TokenGenerator {
    /** The length {@code p2p --gen-addresses} uses. */
    public static final int ADDRESS_TOKEN_LENGTH = 128;
    /** The length of each half that pairing exchanges. */
    public static final int PAIRING_HALF_LENGTH = 64;

    private final SecureRandom random;

    public TokenGenerator(SecureRandom random) {
        this.random = random;
    }

    public TokenGenerator() {
        this(new SecureRandom());
    }

    public AuthToken generate(int length) {
        if (length < 1 || length > ADDRESS_TOKEN_LENGTH) {
            throw new IllegalArgumentException("token length must be 1.." + ADDRESS_TOKEN_LENGTH + ", not " + length);
        }
        byte[] seed = new byte[512];
        random.nextBytes(seed);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-512").digest(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
        java.util.Arrays.fill(seed, (byte) 0);
        StringBuilder hex = new StringBuilder(128);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return AuthToken.parse(hex.substring(0, length)).get();
    }
}
