package org.annexp2p.pairing.confirm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Bounded ASCII lines: a peer cannot make us buffer more than {@link #MAX} bytes per line. */
final class Lines {

    static final int MAX = 512;

    private Lines() {
    }

    static String read(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (line.length() >= MAX) {
                throw new IOException("line longer than " + MAX + " bytes");
            }
            if (c < 0x20 || c > 0x7E) {
                throw new IOException("non-printable byte in a confirmation line");
            }
            line.append((char) c);
        }
        if (c == -1) {
            throw new IOException("connection closed before the end of a line");
        }
        return line.toString();
    }

    static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
