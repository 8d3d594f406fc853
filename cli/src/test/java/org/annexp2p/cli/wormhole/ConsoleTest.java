package org.annexp2p.cli.wormhole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A yes-or-no question, as send's verifier and receive's file offer ask it: only a yes is a yes. */
class ConsoleTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    Console answering(String input) {
        return new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false,
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(input)));
    }

    @Test
    void yAndYesInAnyCaseAreYes() {
        Console console = answering("y\n YES \nYes\n");
        assertThat(console.confirm("ok? ")).isTrue();
        assertThat(console.confirm("ok? ")).isTrue();
        assertThat(console.confirm("ok? ")).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ok? ok? ok? ");
    }

    @Test
    void anythingElseOrNoAnswerIsNo() {
        Console console = answering("n\n\nyess\n");
        assertThat(console.confirm("ok? ")).isFalse();
        assertThat(console.confirm("ok? ")).isFalse();
        assertThat(console.confirm("ok? ")).isFalse();
        assertThat(console.confirm("ok? ")).as("end of input").isFalse();
    }
}
