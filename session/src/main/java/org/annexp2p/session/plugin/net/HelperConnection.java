package org.annexp2p.session.plugin.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.FileSender;
import org.annexp2p.transports.stdio.CommandConnection;

/**
 * The peer as a network helper relays it. A helper that cannot connect exits nonzero, having said nothing: the
 * first read then fails naming the helper and its exit code, rather than as a peer that hung up.
 */
final class HelperConnection implements Connection {
    /** A helper that closed its output is exiting; this only bounds a wait for the code it exits with. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);

    private final CommandConnection command;
    private final NetworkAddress address;
    private final InputStream input;
    private volatile boolean spoke;

    HelperConnection(CommandConnection command, NetworkAddress address) {
        this.command = command;
        this.address = address;
        this.input = new FilterInputStream(command.input()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                return b < 0 ? ended() : heard(b);
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                return n < 0 ? ended() : heard(n);
            }
        };
    }

    private int heard(int result) {
        spoke = true;
        return result;
    }

    private int ended() throws IOException {
        if (!spoke) {
            OptionalInt exit = command.waitFor(EXIT_WAIT);
            if (exit.isPresent() && exit.getAsInt() != 0) {
                throw new IOException(address.helper() + " could not connect to " + address.address()
                        + " (it exited with code " + exit.getAsInt() + ")");
            }
        }
        return -1;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return command.output();
    }

    @Override
    public Optional<FileSender> fileSender() {
        return command.fileSender();
    }

    @Override
    public void shutdownOutput() throws IOException {
        command.shutdownOutput();
    }

    @Override
    public String description() {
        return address.netName() + " network via " + command.description();
    }

    @Override
    public void close() {
        command.close();
    }
}
