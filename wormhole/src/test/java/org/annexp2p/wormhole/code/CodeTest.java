package org.annexp2p.wormhole.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.random.RandomGenerator;
import org.annexp2p.wormhole.InvalidCodeException;
import org.junit.jupiter.api.Test;

class CodeTest {

    @Test
    void wordListPositions() {
        assertThat(WordList.pgp().word(0, 0x69)).isEqualTo("guitarist");
        assertThat(WordList.pgp().word(1, 0xA9)).isEqualTo("revenge");
        assertThat(WordList.pgp().word(0, 0x00)).isEqualTo("adroitness");
        assertThat(WordList.pgp().word(1, 0xFF)).isEqualTo("zulu");
        assertThat(WordList.pgp().wordsAt(0)).hasSize(256).doesNotHaveDuplicates();
    }

    @Test
    void parseSplitsNameplate() throws Exception {
        Code code = Code.parse(" 7-guitarist-revenge\n");
        assertThat(code.nameplate()).isEqualTo("7");
        assertThat(code.value()).isEqualTo("7-guitarist-revenge");
        assertThat(code.toString()).doesNotContain("guitarist");
        assertThat(Code.parse("4-purple-sausages").value()).isEqualTo("4-purple-sausages");
    }

    @Test
    void badCodesAreRejected() {
        for (String bad : List.of("", "guitarist-revenge", "7", "7-", "x7-a-b", "7-a b", "-a-b")) {
            assertThatThrownBy(() -> Code.parse(bad)).as(bad).isInstanceOf(InvalidCodeException.class);
        }
    }

    @Test
    void generateUsesOddThenEvenWords() throws Exception {
        RandomGenerator fixed = new RandomGenerator() {
            private int calls;

            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int bound) {
                return calls++ == 0 ? 0x69 : 0xA9;
            }
        };
        assertThat(Code.generate("7", 2, fixed).value()).isEqualTo("7-guitarist-revenge");
        assertThat(Code.generate("12", 3).value()).matches("12-[a-z]+-[a-z]+-[a-z]+");
    }

    @Test
    void completion() {
        CodeCompleter completer = new CodeCompleter(2);
        assertThat(completer.complete("1", List.of("1", "12", "3"))).containsExactly("1-", "12-");
        assertThat(completer.complete("7-guit", List.of())).containsExactly("7-guitarist-");
        assertThat(completer.complete("7-guitarist-rev", List.of())).containsExactly("7-guitarist-revenge");
        assertThat(completer.complete("7-guitarist-", List.of())).hasSize(256);
        assertThat(completer.complete("7-guitarist-revenge-", List.of())).isEmpty();
        // odd words at the first position: "revenge" is an even word, so it does not complete there
        assertThat(completer.complete("7-reveng", List.of())).isEmpty();
    }
}
