package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;

/**
 * A {@code p2pstdio} server the test speaks to line by line, as a client would, so that what it says next may depend
 * on a reply (a TIMESTAMP) or wait for something done meanwhile (content stored over another connection). Every line
 * both ways is kept, {@code C: } for the test's and {@code S: } for the server's.
 */
final class SpokenConversation implements AutoCloseable {
    private final RunningCommand server;
    private final BufferedReader replies;
    private final List<String> transcript = new ArrayList<>();

    private SpokenConversation(RunningCommand server) {
        this.server = server;
        this.replies = new BufferedReader(new InputStreamReader(server.output(), StandardCharsets.UTF_8));
    }

    /** Starts {@code server}; a hang is killed by the watchdog, failing the test instead of stalling the build. */
    static SpokenConversation start(Command server) throws IOException {
        return new SpokenConversation(server.talking().safety(Duration.ofMinutes(3)).start());
    }

    void say(String line) throws IOException {
        transcript.add("C: " + line);
        server.input().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        server.input().flush();
    }

    /** The server's next line; fails, showing what it printed on stderr, if it ends the conversation instead. */
    String hear() throws IOException {
        String line = replies.readLine();
        assertThat(line).as("the server's next line after %s; its stderr:%n%s", transcript, server.err()).isNotNull();
        transcript.add("S: " + line);
        return line;
    }

    /** {@link #say} then {@link #hear}. */
    String ask(String line) throws IOException {
        say(line);
        return hear();
    }

    List<String> transcript() {
        return List.copyOf(transcript);
    }

    /** Ends the client's side as git-annex does (end of input) and waits for the server to exit. */
    @Override
    public void close() throws IOException {
        try {
            server.closeInput();
            server.awaitExit(Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }
}
