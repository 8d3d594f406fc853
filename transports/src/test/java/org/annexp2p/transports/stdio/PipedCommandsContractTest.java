package org.annexp2p.transports.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.TransportContract;

/**
 * The contract over real OS pipes and processes: each dial spawns two {@code cat} commands through
 * {@link CommandConnection}, one per direction, so both ends of a connection are process stdin/stdout pipes
 * with the kernel's pipe buffers, half-close by closing stdin, and peer death by process exit.
 */
class PipedCommandsContractTest extends TransportContract {

    private static final String NAME = "piped";
    private static final Duration GRACE = Duration.ofSeconds(2);

    /** Pipes to a process are read by a blocking stream: a server keeps a thread for each such connection. */
    @Override
    protected boolean tellsWhenReadable() {
        return false;
    }

    @Override
    protected Fixture openFixture() {
        LinkedBlockingQueue<Object> accepted = new LinkedBlockingQueue<>();
        ConcurrentLinkedQueue<CommandConnection> started = new ConcurrentLinkedQueue<>();
        Object closedMarker = new Object();
        Listener listener = new Listener() {
            private volatile boolean closed;

            @Override
            public Connection accept() throws IOException {
                try {
                    Object next = accepted.take();
                    if (next == closedMarker) {
                        accepted.add(closedMarker);
                        throw new IOException("listener " + NAME + " is closed");
                    }
                    return (Connection) next;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }

            @Override
            public String address() {
                return NAME;
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    accepted.add(closedMarker);
                }
            }
        };
        Dialer dialer = (address, timeout) -> {
            if (!NAME.equals(address)) {
                throw new IOException("connection refused: " + address);
            }
            CommandOptions options = CommandOptions.defaults().withCloseGrace(GRACE);
            CommandConnection toListener = CommandConnection.start(List.of("cat"), options);
            started.add(toListener);
            CommandConnection toDialer = CommandConnection.start(List.of("cat"), options);
            started.add(toDialer);
            accepted.add(new Crossed("listener side", toListener, toDialer));
            return new Crossed("dialer side", toDialer, toListener);
        };
        return Fixture.of(listener, dialer, NAME, "nothing-here", () -> {
            listener.close();
            started.forEach(CommandConnection::close);
        });
    }

    @Override
    protected long maxBufferedBytes() {
        return 4L << 20;
    }

    /** One side: reads what the peer wrote into one {@code cat}, writes into the other. */
    private record Crossed(String side, CommandConnection readFrom, CommandConnection writeTo) implements Connection {

        @Override
        public InputStream input() {
            return readFrom.input();
        }

        @Override
        public OutputStream output() {
            return writeTo.output();
        }

        @Override
        public java.util.Optional<org.annexp2p.transports.FileSender> fileSender() {
            return writeTo.fileSender();
        }

        @Override
        public void shutdownOutput() throws IOException {
            writeTo.shutdownOutput();
        }

        @Override
        public String description() {
            return "piped " + side + " via " + readFrom.description() + " and " + writeTo.description();
        }

        /**
         * Like closing a socket: the peer reads what we wrote, then end-of-stream; our reader and the peer's
         * writer stop. Each {@code cat} is shared with the peer, so only the one we read from is closed
         * outright; the one we write to gets end-of-input and is destroyed only if it cannot finish.
         */
        @Override
        public void close() {
            Thread eof = new Thread(() -> {
                try {
                    writeTo.shutdownOutput();
                } catch (IOException ignored) {
                    // Already closed by the peer.
                }
            });
            eof.setDaemon(true);
            eof.start();
            readFrom.close();
            try {
                if (writeTo.waitFor(GRACE).isEmpty()) {
                    ProcessHandle.of(writeTo.pid()).ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (java.io.InterruptedIOException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
