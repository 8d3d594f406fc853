package org.annexp2p.interpreters.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.WireText;
import org.annexp2p.repository.MemoryRepository;

/**
 * A peer that gets AUTH wrong still sends its credential: whatever was done to the line (case changed, the token
 * split by spaces, a CR or junk, characters added around it, fields added, the token where the UUID goes, run
 * into the command word, a CR at the end) and whether or not the server accepts that token, neither the --debug
 * transcript nor any log record shows it — not even in pieces.
 */
class AuthManglingProperties {
    static final String CLIENT_UUID = "0f0e9c4a-7f3b-4d51-a2c6-9b1e8d7c6a55";

    enum Accepted { THIS_TOKEN, ANOTHER_TOKEN, NONE }

    /** One way to get an AUTH line wrong. */
    record Mangling(String prefix, long caseBits, List<Integer> splitAt, List<String> separators, String before,
            String after, int placement, String trailing) {

        String line(String token) {
            StringBuilder t = new StringBuilder(token);
            for (int i = splitAt.size() - 1; i >= 0; i--) {
                t.insert(Math.min(splitAt.get(i), t.length()), separators.get(i % separators.size()));
            }
            String mangled = before + cased(t.toString(), caseBits >>> 7) + after;
            String auth = cased("AUTH", caseBits);
            String body = switch (placement) {
                case 0 -> auth + " " + CLIENT_UUID + " " + mangled;
                case 1 -> auth + " " + mangled;
                case 2 -> auth + " " + mangled + " " + CLIENT_UUID;
                case 3 -> auth + " " + CLIENT_UUID + " extra " + mangled;
                case 4 -> auth + mangled;
                default -> auth + " " + CLIENT_UUID + " " + mangled + " junk";
            };
            return prefix + body + trailing;
        }

        private static String cased(String s, long bits) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                out.append((bits >>> (i % 57) & 1) == 1 ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return out.toString();
        }
    }

    @Property(tries = 400)
    void aMangledAuthLineNeverShowsItsToken(@ForAll("tokens") String token, @ForAll("manglings") Mangling mangling,
            @ForAll Accepted accepted) throws Exception {
        String line = mangling.line(token);
        List<AuthToken> tokens = switch (accepted) {
            case THIS_TOKEN -> List.of(AuthToken.parse(token).get());
            case ANOTHER_TOKEN -> List.of(AuthToken.parse("0ther" + token).get());
            case NONE -> List.of();
        };
        MemoryRepository repo = new MemoryRepository(new Uuid("7d4c2b1a-0e9f-4a8b-b7c6-d5e4f3a2b1c0"));
        try (SecretWatch watch = new SecretWatch(token);
                ServerRun run = new ServerRun(new Serving(repo, ServerMode.READ_WRITE, () -> tokens, Relays.NONE, watch))) {
            ServerRun.Result result = run.run(WireText.toBytes(line + "\n"), line);
            assertThat(result.escaped()).isNull();
            assertThat(watch.transcriptLines()).as("control: the transcript saw the line").isPositive();
            assertThat(watch.leaks()).as("the token, whole").isEmpty();
            assertThat(watch.spreadLeaks()).as("the token, in pieces").isEmpty();
        }
    }

    @Provide
    Arbitrary<String> tokens() {
        // As git-annex generates them: long runs of letters and digits.
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(16).ofMaxLength(128);
    }

    @Provide
    Arbitrary<Mangling> manglings() {
        Arbitrary<String> prefix = Arbitraries.of("", " ", "  ", "\t", "\r", "\u0000", "\u00c2\u00a0");
        Arbitrary<List<Integer>> splitAt = Arbitraries.integers().between(0, 128).list().ofMaxSize(4)
                .map(l -> l.stream().sorted().toList());
        Arbitrary<List<String>> separators = Arbitraries.of(" ", "  ", "\t", "\r", "-", ".", "!", "\u0000", "\u00c2\u00a0", "\u001b[0m")
                .list().ofMinSize(1).ofMaxSize(3);
        // Anything but a newline, which would make a second line rather than a broken AUTH line.
        Arbitrary<String> extra = Arbitraries.strings().ascii().excludeChars('\n').ofMaxLength(3);
        Arbitrary<String> trailing = Arbitraries.of("", "\r", " ", "\r\r", " junk", " 0", "\t\r");
        return Combinators.combine(prefix, Arbitraries.longs(), splitAt, separators, extra, extra,
                        Arbitraries.integers().between(0, 5), trailing)
                .as(Mangling::new);
    }
}
