package org.annexp2p.shell.resident;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One frame of the resident shell server's protocol (docs/security.md, The resident shell server): a type letter,
 * a 4-byte unsigned big-endian length and that many bytes. Text payloads are UTF-8; {@link FrameCodec} reads and
 * writes them.
 */
public sealed interface Frame {
    /** The protocol version this server speaks, the payload of the client's first frame. */
    String VERSION = "annex-p2p-shell 1";

    /** The largest payload a frame may carry: a larger length is refused before anything is allocated. */
    int MAX_PAYLOAD = 1 << 20;

    char type();

    byte[] payload();

    /** 'H': the client's protocol version. */
    record Hello(String version) implements Frame {
        public char type() { return 'H'; }
        public byte[] payload() { return utf8(version); }
    }

    /** 'A': one argv word. */
    record Arg(String word) implements Frame {
        public char type() { return 'A'; }
        public byte[] payload() { return utf8(word); }
    }

    /** 'E': one environment entry, NAME=value. */
    record Env(String entry) implements Frame {
        public char type() { return 'E'; }
        public byte[] payload() { return utf8(entry); }
    }

    /** 'D': the client's current directory. */
    record Directory(String path) implements Frame {
        public char type() { return 'D'; }
        public byte[] payload() { return utf8(path); }
    }

    /** 'G': the request is complete. */
    record Go() implements Frame {
        public char type() { return 'G'; }
        public byte[] payload() { return new byte[0]; }
    }

    /** 'S': the session runs. */
    record Started() implements Frame {
        public char type() { return 'S'; }
        public byte[] payload() { return new byte[0]; }
    }

    /** 'B': not served here, and why (one line). */
    record Busy(String reason) implements Frame {
        public char type() { return 'B'; }
        public byte[] payload() { return utf8(reason); }
    }

    /** 'I': stdin bytes. */
    record Input(byte[] bytes) implements Frame {
        public Input { bytes = bytes.clone(); }
        public char type() { return 'I'; }
        public byte[] payload() { return bytes.clone(); }
        @Override public boolean equals(Object o) { return o instanceof Input i && Arrays.equals(bytes, i.bytes); }
        @Override public int hashCode() { return Arrays.hashCode(bytes); }
        @Override public String toString() { return "Input[" + bytes.length + " bytes]"; }
    }

    /** 'C': stdin reached end of file. */
    record Closed() implements Frame {
        public char type() { return 'C'; }
        public byte[] payload() { return new byte[0]; }
    }

    /** 'O': stdout bytes. */
    record Output(byte[] bytes) implements Frame {
        public Output { bytes = bytes.clone(); }
        public char type() { return 'O'; }
        public byte[] payload() { return bytes.clone(); }
        @Override public boolean equals(Object o) { return o instanceof Output i && Arrays.equals(bytes, i.bytes); }
        @Override public int hashCode() { return Arrays.hashCode(bytes); }
        @Override public String toString() { return "Output[" + bytes.length + " bytes]"; }
    }

    /** 'R': stderr bytes. */
    record Error(byte[] bytes) implements Frame {
        public Error { bytes = bytes.clone(); }
        public char type() { return 'R'; }
        public byte[] payload() { return bytes.clone(); }
        @Override public boolean equals(Object o) { return o instanceof Error i && Arrays.equals(bytes, i.bytes); }
        @Override public int hashCode() { return Arrays.hashCode(bytes); }
        @Override public String toString() { return "Error[" + bytes.length + " bytes]"; }
    }

    /** 'X': the session's exit status, 0..255; nothing follows it. */
    record Exit(int status) implements Frame {
        public char type() { return 'X'; }
        public byte[] payload() {
            return new byte[] {(byte) (status >>> 24), (byte) (status >>> 16), (byte) (status >>> 8), (byte) status};
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
