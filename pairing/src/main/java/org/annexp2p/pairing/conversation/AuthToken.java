package org.annexp2p.pairing.conversation;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A P2P auth token in git-annex's shape: 128 lowercase hex characters. Never printed by {@link #toString}.
 */
public record AuthToken(String value) {

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{128}");

    public AuthToken {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("an auth token is 128 lowercase hex characters");
        }
    }

    static AuthToken of(byte[] sixtyFourBytes) {
        return new AuthToken(HexFormat.of().formatHex(sixtyFourBytes));
    }

    @Override
    public String toString() {
        return "AuthToken[hidden]";
    }
}
