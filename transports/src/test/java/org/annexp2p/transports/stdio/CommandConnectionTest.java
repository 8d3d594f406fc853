package org.annexp2p.transports.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CommandConnectionTest {

    @Test
    void aMissingProgramIsNamedInTheError() {
        assertThatThrownBy(() -> CommandConnection.start(List.of("/nonexistent/annex-p2p-no-such-program")))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot start command '/nonexistent/annex-p2p-no-such-program': No such file or directory");
    }

    @Test
    void exitCodeAndStderrLinesAreAvailable() throws IOException {
        ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
        try (CommandConnection c = CommandConnection.start(
                List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                CommandOptions.defaults().withStderrLines(stderr::add))) {
            assertThat(new String(c.input().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("out\n");
            assertThat(c.waitFor(Duration.ofSeconds(30))).hasValue(3);
        }
        assertThat(stderr).containsExactly("err");
    }

    @Test
    void closeDestroysACommandThatIgnoresEndOfInput() throws IOException {
        CommandConnection c = CommandConnection.start(List.of("sleep", "600"),
                CommandOptions.defaults().withCloseGrace(Duration.ofMillis(100)));
        assertThat(c.exitCode()).isEmpty();
        c.close();
        assertThat(c.exitCode()).as("exited after close").isPresent();
    }

    @Test
    void descriptionNamesTheProgramButNotItsArguments() throws IOException {
        try (CommandConnection c = CommandConnection.start(List.of("cat", "--secret-token=abc123"),
                CommandOptions.defaults().withCloseGrace(Duration.ofMillis(100)).withStderrLines(line -> { }))) {
            assertThat(c.description()).contains("cat").doesNotContain("abc123");
        }
    }
}
