package org.annexp2p.tor.onion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The auth token part of a tor-annex address. Same alphabet as git-annex's AuthToken ({@code [A-Za-z0-9]},
 * lower-cased). A secret: {@link #toString()} does not show it and comparison is constant-time.
 */
public record AddressToken(String value) {

    public AddressToken {
        if (value == null || value.isEmpty()) {
            throw new OnionAddressException("the auth token after the port is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                throw new OnionAddressException("the auth token contains a character other than letters and digits");
            }
        }
    }

    /** Accepts upper case like git-annex's toAuthToken; validates first, since some non-ASCII letters lower-case to ASCII. */
    public static AddressToken parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new OnionAddressException("the auth token after the port is empty");
        }
        if (!text.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            throw new OnionAddressException("the auth token contains a character other than letters and digits");
        }
        return new AddressToken(text.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressToken t && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), t.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return 0; // no hash of a secret; tokens are never used as map keys in bulk
    }

    @Override
    public String toString() {
        return "AddressToken[<redacted>]";
    }
}
