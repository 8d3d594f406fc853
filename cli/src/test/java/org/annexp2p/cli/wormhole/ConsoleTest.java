package org.annexp2p.cli.wormhole;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A yes-or-no question, as send's verifier and receive's file offer ask it: only a yes is a yes. */
class ConsoleTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    Console answering(String input) {
        return new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false,
                new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(input)));
    }

    /** The answers to {@code count} questions, as read from {@code input}. */
    List<Boolean> answers(String input, int count) {
        Console console = answering(input);
        return IntStream.range(0, count).mapToObj(i -> console.confirm("ok? ")).toList();
    }

    @Test
    void yAndYesInAnyCaseAreYes() {
        assertThat(answers("y\n YES \nYes\n", 3)).containsExactly(true, true, true);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ok? ok? ok? ");
    }

    @Test
    void anythingElseOrNoAnswerIsNo() {
        assertThat(answers("n\n\nyess\n", 4)).as("the last one at the end of input").containsExactly(false, false, false, false);
    }
}
