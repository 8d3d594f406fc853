package org.annexp2p.cli.wormhole;

import org.annexp2p.cli.Prompt;
import org.annexp2p.cli.Terminal;
import org.annexp2p.protocol.wire.ShownText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The user's side of a wormhole command: messages on stderr (stdout carries only received text,
 * as in the Python CLI) and questions answered on stdin. Messages
 * often hold what the other side chose (a file name, an error text, its addresses), so every one is
 * shown through {@link org.annexp2p.protocol.wire.ShownText}.
 */
final class Console {

    private final PrintStream out;
    private final boolean outIsTerminal;
    private final PrintStream err;
    private final Prompt prompt;

    Console(PrintStream out, boolean outIsTerminal, PrintStream err, BufferedReader in) {
        this.out = out;
        this.outIsTerminal = outIsTerminal;
        this.err = err;
        this.prompt = new Prompt(err, in);
    }

    static Console system() {
        return new Console(System.out, Terminal.stdoutIsTerminal(), System.err,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    PrintStream err() {
        return err;
    }

    /** One line on stderr, control characters escaped. */
    void say(String line) {
        err.println(ShownText.of(line));
        err.flush();
    }

    /**
     * A received text message on stdout. On a terminal its escape sequences are shown, not obeyed (its lines
     * are kept); into a file or a pipe it goes as it came, being data.
     */
    void text(String message) {
        out.println(outIsTerminal ? ShownText.keepingLines(message) : message);
        out.flush();
    }

    /** Asks on stderr and reads one line from stdin; empty at end of input. */
    Optional<String> ask(String question) {
        try {
            return prompt.ask(question).map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Asks a yes-or-no question: yes is "y" or "yes" in any case; anything else, or no answer, is no. */
    boolean confirm(String question) {
        return ask(question).map(a -> a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes")).orElse(false);
    }

    /** Reads everything left on stdin (for {@code --text -}). */
    String readAll() throws IOException {
        return prompt.readAll();
    }
}
