package org.annexp2p.transports.memory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.util.Optional;
import org.annexp2p.transports.Connection;

/**
 * One end of a {@link MemoryLink}. Closing {@link #output()} half-closes, like {@link #shutdownOutput()};
 * closing {@link #input()} leaves the connection open (close the connection itself to end it).
 */
final class MemoryConnection implements Connection {

    private final String description;
    private final MemoryLink link;
    private final MemoryPipe in;
    private final MemoryPipe out;
    private final InputStream input;
    private final OutputStream output;
    private final Optional<InetAddress> remote;

    MemoryConnection(String description, MemoryLink link, MemoryPipe in, MemoryPipe out, Optional<InetAddress> remote) {
        this.description = description;
        this.remote = remote;
        this.link = link;
        this.in = in;
        this.out = out;
        InputStream raw = in.inputStream();
        this.input = new java.io.FilterInputStream(raw) {
            @Override
            public void close() {
                // The connection owns the pipe; see the class comment.
            }
        };
        OutputStream rawOut = out.outputStream();
        this.output = new java.io.FilterOutputStream(rawOut) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                rawOut.write(b, off, len);
            }

            @Override
            public void close() {
                shutdownOutput();
            }
        };
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public boolean whenReadable(Runnable task) {
        return in.whenReadable(task);
    }

    @Override
    public void shutdownOutput() {
        out.closeWrite();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<InetAddress> remoteAddress() {
        return remote;
    }

    @Override
    public void close() {
        out.closeWrite();
        in.closeRead();
    }

    MemoryLink link() {
        return link;
    }
}
