package org.annexp2p.cli.wormhole;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The user's side of a wormhole command: messages on stderr (stdout carries only received text,
 * as in the Python CLI), questions answered on stdin, and whether stderr is a live terminal.
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final BufferedReader in;

    Console(PrintStream out, PrintStream err, BufferedReader in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    static Console system() {
        return new Console(System.out, System.err, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    void say(String line) {
        err.println(line);
        err.flush();
    }

    /** Asks on stderr and reads one line from stdin; empty at end of input. */
    Optional<String> ask(String prompt) {
        err.print(prompt);
        err.flush();
        try {
            return Optional.ofNullable(in.readLine()).map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads everything left on stdin (for {@code --text -}). */
    String readAll() throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
