package org.annexp2p.tor.onion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A v3 onion address: the 56-character service id (base32 of public key, checksum and version, per tor's
 * rend-spec-v3 §6) without the {@code .onion} suffix. Construction validates length, alphabet, version and
 * checksum, so a mistyped address is caught before tor spends a minute failing to find it.
 */
public record OnionAddress(String serviceId) {

    public static final String SUFFIX = ".onion";
    static final int SERVICE_ID_LENGTH = 56;
    static final int PUBLIC_KEY_LENGTH = 32;
    private static final byte VERSION = 3;
    private static final byte[] CHECKSUM_PREFIX = ".onion checksum".getBytes(StandardCharsets.US_ASCII);

    public OnionAddress {
        if (serviceId == null) {
            throw new OnionAddressException("missing onion address");
        }
        byte[] raw = decode(serviceId);
        if (raw[raw.length - 1] != VERSION) {
            throw new OnionAddressException("onion address " + abbreviate(serviceId)
                    + " has version " + (raw[raw.length - 1] & 0xff) + ", only v3 onions are supported");
        }
        byte[] expected = checksum(java.util.Arrays.copyOf(raw, PUBLIC_KEY_LENGTH));
        if (expected[0] != raw[PUBLIC_KEY_LENGTH] || expected[1] != raw[PUBLIC_KEY_LENGTH + 1]) {
            throw new OnionAddressException("onion address " + abbreviate(serviceId)
                    + " has a wrong checksum (mistyped?)");
        }
    }

    /** Parses {@code <56 chars>.onion} or a bare service id; upper case is accepted and normalised. */
    public static OnionAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new OnionAddressException("missing onion address");
        }
        String id = text.toLowerCase(Locale.ROOT);
        if (id.endsWith(SUFFIX)) {
            id = id.substring(0, id.length() - SUFFIX.length());
        }
        return new OnionAddress(id);
    }

    /** The address belonging to an ed25519 public key (what tor derives from an onion service key). */
    public static OnionAddress fromPublicKey(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        byte[] raw = new byte[PUBLIC_KEY_LENGTH + 3];
        System.arraycopy(publicKey, 0, raw, 0, PUBLIC_KEY_LENGTH);
        byte[] sum = checksum(publicKey);
        raw[PUBLIC_KEY_LENGTH] = sum[0];
        raw[PUBLIC_KEY_LENGTH + 1] = sum[1];
        raw[PUBLIC_KEY_LENGTH + 2] = VERSION;
        return new OnionAddress(Base32.encode(raw));
    }

    public byte[] publicKey() {
        return java.util.Arrays.copyOf(Base32.decode(serviceId), PUBLIC_KEY_LENGTH);
    }

    /** The host name to hand to SOCKS: service id plus {@code .onion}. */
    public String hostname() {
        return serviceId + SUFFIX;
    }

    @Override
    public String toString() {
        return hostname();
    }

    private static byte[] decode(String id) {
        if (id.length() != SERVICE_ID_LENGTH) {
            throw new OnionAddressException("onion address " + abbreviate(id) + " has " + id.length()
                    + " characters before .onion; a v3 onion address has 56");
        }
        for (int i = 0; i < id.length(); i++) {
            if (!Base32.isDigit(id.charAt(i))) {
                throw new OnionAddressException("onion address " + abbreviate(id)
                        + " contains '" + printable(id.charAt(i)) + "'; only a-z and 2-7 are allowed");
            }
        }
        return Base32.decode(id);
    }

    private static byte[] checksum(byte[] publicKey) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            sha3.update(CHECKSUM_PREFIX);
            sha3.update(publicKey);
            sha3.update(VERSION);
            return sha3.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA3-256, which every Java 9+ runtime has", e);
        }
    }

    static String abbreviate(String text) {
        String clean = text.codePoints().limit(64)
                .collect(StringBuilder::new, (b, c) -> b.append(printable(c)), StringBuilder::append).toString();
        return "'" + clean + (text.length() > 64 ? "..." : "") + "'";
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c);
    }
}
