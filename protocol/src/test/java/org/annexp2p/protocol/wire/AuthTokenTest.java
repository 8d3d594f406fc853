package org.annexp2p.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.annexp2p.protocol.message.Message;
import org.junit.jupiter.api.Test;

/** The token's secrecy: compared in constant time, never shown by toString, its own or a message's. */
class AuthTokenTest {

    /**
     * Structural: the comparison goes through MessageDigest.isEqual (constant time since JDK 6u17). Replacing it
     * with String.equals or Arrays.equals — which return at the first difference — removes that reference
     * from the compiled class, and this fails. Timing itself is not measured: it cannot be, reliably, in a test.
     */
    @Test
    void comparisonIsMessageDigestIsEqual() throws IOException {
        String pool;
        try (InputStream in = AuthToken.class.getResourceAsStream("AuthToken.class")) {
            pool = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(pool).contains("java/security/MessageDigest").contains("isEqual");
        assertThat(pool).as("no early-exit comparisons").doesNotContain("java/util/Arrays");
    }

    @Test
    void everyAcceptedTokenIsComparedEvenAfterAMatch() {
        AuthToken t = AuthToken.parse("abc").get();
        List<AuthToken> accepted = List.of(t, AuthToken.parse("def").get(), AuthToken.parse("ghi").get());
        List<AuthToken> compared = new ArrayList<>();
        Iterable<AuthToken> watched = () -> {
            Iterator<AuthToken> it = accepted.iterator();
            return new Iterator<>() {
                public boolean hasNext() {
                    return it.hasNext();
                }

                public AuthToken next() {
                    AuthToken n = it.next();
                    compared.add(n);
                    return n;
                }
            };
        };
        assertThat(t.isAllowedBy(watched)).isTrue();
        // Stopping at the first match would tell a timing observer where in the list the token is.
        assertThat(compared).hasSize(3);
    }

    @Property(tries = 300)
    void toStringsNeverShowTheToken(@ForAll @AlphaChars @NumericChars @StringLength(min = 16, max = 128) String s) {
        AuthToken token = AuthToken.parse(s).get();
        Message.Auth auth = new Message.Auth(new Uuid("peer"), token);
        assertThat(token.toString()).isEqualTo("AuthToken(<redacted>)");
        assertThat(auth.toString()).doesNotContainIgnoringCase(token.reveal());
        assertThat(token.matches(AuthToken.parse(s.toUpperCase()).get())).as("case-insensitive, as in git-annex").isTrue();
        assertThat(token.matches(AuthToken.parse(s + "0").get())).isFalse();
    }

    @Test
    void theEmptyTokenSaysSo() {
        assertThat(AuthToken.EMPTY.toString()).isEqualTo("AuthToken(empty)");
    }
}
