package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The question goes to stderr, the answer is the next line of input as typed, and input can run out. */
class PromptTest {
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    Prompt over(String input) {
        return new Prompt(new PrintStream(err, true, StandardCharsets.UTF_8), new BufferedReader(new StringReader(input)));
    }

    @Test
    void eachQuestionTakesTheNextLineAsTyped() throws Exception {
        Prompt prompt = over(" first \nsecond\n");
        assertThat(prompt.ask("one? ")).contains(" first ");
        assertThat(prompt.ask("two? ")).contains("second");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("one? two? ");
    }

    @Test
    void theEndOfInputIsNoAnswer() throws Exception {
        Prompt prompt = over("only\n");
        assertThat(prompt.ask("")).contains("only");
        assertThat(prompt.ask("more? ")).isEmpty();
    }

    @Test
    void whatIsLeftIsReadWhole() throws Exception {
        Prompt prompt = over("code\nline one\nline two\n");
        assertThat(prompt.ask("code: ")).contains("code");
        assertThat(prompt.readAll()).isEqualTo("line one\nline two\n");
    }
}
