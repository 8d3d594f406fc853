package org.annexp2p.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What a peer chose never reaches the terminal as a control character or a bidi override; printable text as it is. */
class ShownTextProperties {

    @Property(tries = 2000)
    void shownTextHoldsNoControlCharacter(@ForAll("hostile") String text) {
        assertThat(ShownText.of(text).chars().noneMatch(c -> ShownText.isControl((char) c))).isTrue();
    }

    @Property(tries = 2000)
    void aTextMessageKeepsOnlyItsLineBreaksAndTabs(@ForAll("hostile") String text) {
        assertThat(ShownText.keepingLines(text).chars()
                .noneMatch(c -> ShownText.isControl((char) c) && c != '\n' && c != '\t')).isTrue();
        assertThat(ShownText.keepingLines(text).chars().filter(c -> c == '\n').count())
                .isEqualTo(text.chars().filter(c -> c == '\n').count());
    }

    @Property(tries = 2000)
    void printableTextPassesUnchanged(@ForAll("printable") String text) {
        assertThat(ShownText.of(text)).isEqualTo(text);
        assertThat(ShownText.keepingLines(text)).isEqualTo(text);
    }

    @Property(tries = 500)
    void wireTextIsShownDecodedAndSafe(@ForAll("hostile") String text) {
        String wire = WireText.ofUnicode(text);
        String shown = ShownText.ofWire(wire);
        assertThat(shown.chars().noneMatch(c -> ShownText.isControl((char) c))).isTrue();
        assertThat(shown).isEqualTo(ShownText.of(text));
    }

    @Example
    void escapesAreVisible() {
        assertThat(ShownText.of("a\u001b]0;owned\u0007b\nc\u202etxt.exe\u0085\u007f"))
                .isEqualTo("a\\x1b]0;owned\\x07b\\x0ac\\u202etxt.exe\\x85\\x7f");
        assertThat(ShownText.keepingLines("one\n\ttwo\r\n")).isEqualTo("one\n\ttwo\\x0d\n");
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<Character> controls = Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.chars().range('\u007f', '\u009f'), Arbitraries.chars().range('\u202a', '\u202e'),
                Arbitraries.chars().range('\u2066', '\u2069'));
        Arbitrary<Character> any = Arbitraries.oneOf(controls, Arbitraries.chars().ascii(),
                Arbitraries.chars().all().filter(c -> !Character.isSurrogate(c)));
        return any.list().ofMaxSize(60).map(ShownTextProperties::join);
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.chars().all().filter(c -> !ShownText.isControl(c) && !Character.isSurrogate(c))
                .list().ofMaxSize(60).map(ShownTextProperties::join);
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder sb = new StringBuilder(chars.size());
        chars.forEach(sb::append);
        return sb.toString();
    }
}
