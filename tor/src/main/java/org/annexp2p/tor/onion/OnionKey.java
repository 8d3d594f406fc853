package org.annexp2p.tor.onion;

import java.util.Base64;

/**
 * An onion service private key in the form ADD_ONION takes and returns, {@code ED25519-V3:<base64 of the
 * 64-byte expanded secret key>}. A secret: never printed.
 */
public record OnionKey(String blob) {

    public static final String TYPE = "ED25519-V3";
    private static final int EXPANDED_KEY_LENGTH = 64;

    public OnionKey {
        if (blob == null || !blob.startsWith(TYPE + ":")) {
            throw new IllegalArgumentException("an onion key must start with " + TYPE + ":");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(blob.substring(TYPE.length() + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the onion key is not valid base64");
        }
        if (raw.length != EXPANDED_KEY_LENGTH) {
            throw new IllegalArgumentException("the onion key has " + raw.length + " bytes, expected 64");
        }
    }

    @Override
    public String toString() {
        return "OnionKey[<redacted>]";
    }
}
