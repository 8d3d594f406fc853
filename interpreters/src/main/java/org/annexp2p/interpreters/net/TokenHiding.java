package org.annexp2p.interpreters.net;

import java.util.List;
import java.util.function.UnaryOperator;
import org.annexp2p.protocol.wire.AuthToken;

/**
 * Replaces every accepted token in text about to be logged or put in a transcript. A well-formed AUTH never
 * shows its token anyway; this is for the peer's bytes shown as they came — a broken AUTH line, a token that
 * ran into another line — which would otherwise print a working credential to the server's stderr.
 * Case is ignored because tokens are: {@code AUTH u ABC} authenticates with token {@code abc}.
 */
public final class TokenHiding implements UnaryOperator<String> {
    public static final String SHOWN_AS = "<AUTHTOKEN>";

    private final List<String> tokens;

    public TokenHiding(List<AuthToken> accepted) {
        this.tokens = accepted.stream().filter(t -> !t.isEmpty()).map(AuthToken::reveal).toList();
    }

    @Override
    public String apply(String text) {
        String out = text;
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
