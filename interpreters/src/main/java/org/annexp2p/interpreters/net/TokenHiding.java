package org.annexp2p.interpreters.net;

import java.util.List;
import java.util.function.UnaryOperator;
import org.annexp2p.protocol.message.AuthLine;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * Hides tokens in the peer's wire text (before it is escaped for display) about to be logged or put in a
 * transcript. A well-formed AUTH never shows its token anyway; this is for the peer's bytes shown as they came,
 * which would otherwise print a working credential to the server's stderr. A line that starts like AUTH —
 * whatever is wrong with it, and whether or not its token is one we accept — shows only its command word and
 * UUID ({@link AuthLine}); an accepted token is hidden wherever else it turns up (run into another line).
 * Case is ignored because tokens are: {@code AUTH u ABC} authenticates with token {@code abc}.
 */
public final class TokenHiding implements UnaryOperator<String> {
    public static final String SHOWN_AS = AuthLine.HIDDEN;
    /** For a side that accepts no tokens (a client): AUTH lines are still hidden. */
    public static final TokenHiding AUTH_LINES_ONLY = new TokenHiding(List.of());

    private final List<String> tokens;

    public TokenHiding(List<AuthToken> accepted) {
        this.tokens = accepted.stream().filter(t -> !t.isEmpty()).map(AuthToken::reveal).toList();
    }

    @Override
    public String apply(String wire) {
        String out = AuthLine.masked(wire);
        for (String token : tokens) {
            out = hide(out, token);
        }
        return out;
    }

    private static String hide(String text, String token) {
        StringBuilder sb = null;
        int from = 0;
        for (int i = 0; i + token.length() <= text.length(); ) {
            if (text.regionMatches(true, i, token, 0, token.length())) {
                if (sb == null) {
                    sb = new StringBuilder(text.length());
                }
                sb.append(text, from, i).append(SHOWN_AS);
                i += token.length();
                from = i;
            } else {
                i++;
            }
        }
        return sb == null ? text : sb.append(text, from, text.length()).toString();
    }
}
