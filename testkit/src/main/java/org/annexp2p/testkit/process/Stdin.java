package org.annexp2p.testkit.process;

/** What a command reads on its standard input. */
sealed interface Stdin {
    /** Nothing: end of input at once, as from /dev/null. */
    Stdin EMPTY = new Bytes(new byte[0]);
    /** Kept open: the test types or talks. */
    Stdin OPEN = new Open();

    static Stdin of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** These bytes, then end of input. */
    record Bytes(byte[] bytes) implements Stdin {}

    record Open() implements Stdin {}
}
