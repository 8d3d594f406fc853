package org.annexp2p.protocol.wire;

import io.vavr.control.Option;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * A P2P authentication token: ASCII letters and digits, held lower-cased (git-annex lower-cases tokens when
 * parsing, so authentication is case-insensitive). The empty token is valid: it is what a client without
 * creds sends. {@link #toString()} never reveals the token, so it cannot leak through logs.
 */
public final class AuthToken {
    private final String value;

    private AuthToken(String value) {
        this.value = value;
    }

    public static final AuthToken EMPTY = new AuthToken("");

    /** Parses like git-annex's {@code toAuthToken}: lower-cases, and refuses any non-alphanumeric character. */
    public static Option<AuthToken> parse(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                sb.append((char) (c + ('a' - 'A')));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else {
                return Option.none();
            }
        }
        return Option.some(new AuthToken(sb.toString()));
    }

    /** The token itself, for the wire and for creds files only. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Constant-time comparison: the time taken does not depend on where the tokens differ. */
    public boolean matches(AuthToken other) {
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                other.value.getBytes(StandardCharsets.US_ASCII));
    }

    /** True if any allowed token matches; every entry is compared, so the answer's timing reveals nothing. */
    public boolean isAllowedBy(Iterable<AuthToken> allowed) {
        boolean found = false;
        for (AuthToken t : allowed) {
            found |= matches(t);
        }
        return found;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthToken t && matches(t);
    }

    @Override
    public int hashCode() {
        return value.length();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "AuthToken(empty)" : "AuthToken(<redacted>)";
    }
}
