package org.annexp2p.transports.stdio;

import java.io.IOException;

/**
 * A child program for {@link StdioConnectionTest}: claims stdio, prints a stray line with System.out (which
 * must land on stderr), then echoes stdin to stdout until end-of-stream and exits with code 7.
 */
public final class StdioEchoProgram {

    private StdioEchoProgram() {
    }

    public static void main(String[] args) throws IOException {
        StdioConnection connection = StdioConnection.ofThisProcess();
        System.out.println("stray line that must not reach the protocol stream");
        connection.input().transferTo(connection.output());
        connection.output().flush();
        connection.close();
        System.exit(7);
    }
}
