package org.annexp2p.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TorOptionsTest {

    private static final Path STATE = Path.of("/nonexistent/tor-state");

    @Test
    void noWordMeansAutoAndTheWordShownIsThatOne() {
        assertThat(TorOptions.policyWord(null)).isEqualTo("auto");
        assertThat(TorOptions.chosen(null, null, null, null, STATE).policy()).isEqualTo(TorPolicy.AUTO);
    }

    @Test
    void aGivenWordIsShownAsWrittenAndReadWhateverItsCase() {
        assertThat(TorOptions.policyWord("Launch")).isEqualTo("Launch");
        assertThat(TorOptions.chosen("Launch", null, null, null, STATE).policy()).isEqualTo(TorPolicy.LAUNCH);
        assertThat(TorOptions.chosen("attach", null, null, null, STATE).policy()).isEqualTo(TorPolicy.ATTACH);
    }

    @Test
    void aWrongWordIsNamedInOneLine() {
        assertThatThrownBy(() -> TorOptions.chosen("onion", null, null, null, STATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tor must be launch, attach or auto, not onion");
    }
}
