package org.annexp2p.cli.crash;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The test's own end of a P2P conversation, written from the wire format alone so that it shares no code with
 * the implementation under test: lines out and in, and DATA payloads written in pieces so the test decides how
 * many payload bytes the peer has been given when it is killed.
 */
final class RawPeer {
    private static final int PIECE = 32 * 1024;

    private final InputStream in;
    private final OutputStream out;

    RawPeer(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One line without its newline; EOF (the peer died or hung up) is an exception. */
    String receive() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the peer hung up; the line so far: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /** Writes {@code content[from, to)} in flushed pieces: everything written has reached the peer's pipe. */
    void sendBytes(byte[] content, int from, int to) throws IOException {
        for (int at = from; at < to; at += PIECE) {
            out.write(content, at, Math.min(PIECE, to - at));
            out.flush();
        }
    }
}
