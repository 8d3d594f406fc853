package org.annexp2p.cli.walkthrough;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.annexp2p.cli.interop.GitAnnex;
import org.junit.jupiter.api.Test;

/** The walkthrough's output check catches each thing a user must never see, and passes what users should see. */
class UserOutputTest {

    @Test
    void passesOneClearErrorAndOrdinaryHelp() {
        assertThatCode(() -> UserOutput.oneErrorLine(new GitAnnex.Result(1, "", "annex-p2p: connection refused: 127.0.0.1:1\n"), "get"))
                .doesNotThrowAnyException();
        assertThatCode(() -> UserOutput.assertClean("Usage: annex-p2p get [-hV]\n      --address=ADDRESS    tcp://HOST:PORT: plaintext\n"
                + "annex-p2p: Unmatched argument at index 0: 'gett'\nDid you mean: annex-p2p get?\n", "help")).doesNotThrowAnyException();
    }

    @Test
    void catchesStackTracesExceptionNamesAndDumps() {
        for (String bad : new String[] {"annex-p2p: boom\n\tat org.annexp2p.Foo.bar(Foo.java:1)\n",
                "annex-p2p: java.io.IOException: no\n", "annex-p2p: Completed[value=1]\n", "got Right(42)\n",
                "got Left(oops)\n", "Optional: Some(x)\n", "annex-p2p: failed\n    at Foo.bar(Foo.java:3)\n"}) {
            assertThatThrownBy(() -> UserOutput.assertClean(bad, "cmd")).as(bad).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void catchesAPrefixSaidTwiceAnywhereInTheLeadingPrefixes() {
        for (String bad : new String[] {"annex-p2p: annex-p2p: no\n", "x\nannex-p2p: could not get: could not get: refused\n"}) {
            assertThatThrownBy(() -> UserOutput.assertClean(bad, "cmd")).as(bad).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void catchesAnErrorOverSeveralLinesOrNone() {
        assertThatThrownBy(() -> UserOutput.oneErrorLine(new GitAnnex.Result(1, "", "annex-p2p: a\nannex-p2p: b\n"), "cmd"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> UserOutput.oneErrorLine(new GitAnnex.Result(1, "", "failed without our prefix\n"), "cmd"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> UserOutput.assertClean("annex-p2p: \n", "cmd")).isInstanceOf(AssertionError.class);
    }
}
