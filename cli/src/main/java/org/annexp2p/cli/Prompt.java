package org.annexp2p.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Questions asked on stderr and answered on standard input, a line each: stdout stays for results (a pipe reading
 * them never sees a question). Every command that asks goes through here.
 */
public record Prompt(PrintStream err, BufferedReader in) {

    /** On this process's stderr and stdin. */
    public static Prompt system() {
        return new Prompt(System.err, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    /** Shows {@code question} ("" for none) and reads the answer as typed; empty at the end of input. */
    public Optional<String> ask(String question) throws IOException {
        err.print(question);
        err.flush();
        return Optional.ofNullable(in.readLine());
    }

    /** Everything left on standard input (a text piped in). */
    public String readAll() throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }
}
