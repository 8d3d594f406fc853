package org.annexp2p.transports.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class StdioConnectionTest {

    @Test
    void childProcessSpeaksOverItsStdioAndStrayPrintsGoToStderr() throws Exception {
        ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = codeSource(StdioEchoProgram.class) + File.pathSeparator + codeSource(StdioConnection.class);
        try (CommandConnection child = CommandConnection.start(
                List.of(java, "-cp", classpath, StdioEchoProgram.class.getName()),
                CommandOptions.defaults().withStderrLines(stderr::add))) {
            byte[] message = "VERSION 1\nDATA 3\nabc".getBytes(StandardCharsets.US_ASCII);
            child.output().write(message);
            child.shutdownOutput();
            assertThat(child.input().readAllBytes()).isEqualTo(message);
            assertThat(child.waitFor(Duration.ofSeconds(30))).hasValue(7);
            assertThat(child.exitCode()).hasValue(7);
        }
        assertThat(stderr).contains("stray line that must not reach the protocol stream");
    }

    @Test
    void closeUnblocksThreadsStuckOnStdinAndStdout() throws Exception {
        ConcurrentLinkedQueue<String> stderr = new ConcurrentLinkedQueue<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = codeSource(StdioCloseProgram.class) + File.pathSeparator + codeSource(StdioConnection.class);
        // We neither write to the child's stdin nor read its stdout: both of its threads block until close.
        try (CommandConnection child = CommandConnection.start(
                List.of(java, "-cp", classpath, StdioCloseProgram.class.getName()),
                CommandOptions.defaults().withStderrLines(stderr::add))) {
            assertThat(child.waitFor(Duration.ofSeconds(60))).as("child exit; stderr: %s", stderr).hasValue(0);
        }
        assertThat(stderr).anyMatch(l -> l.startsWith("reader ended")).anyMatch(l -> l.startsWith("writer ended"));
    }

    @Test
    void streamsConnectionHalfClosesAndRefusesUseAfterClose() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        StdioConnection c = new StdioConnection(new ByteArrayInputStream(new byte[] {1, 2}), sink, "test");
        assertThat(c.input().read()).isEqualTo(1);
        c.output().write(9);
        c.shutdownOutput();
        assertThat(sink.toByteArray()).containsExactly(9);
        assertThatThrownBy(() -> c.output().write(1)).isInstanceOf(IOException.class).hasMessageContaining("shut down");
        c.close();
        assertThatThrownBy(() -> c.input().read()).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    private static String codeSource(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
