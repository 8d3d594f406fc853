package org.annexp2p.wormhole.transit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/** The winning Transit connection, past the handshake: encrypted records in both directions. */
public final class TransitConnection implements AutoCloseable {

    /** Python accepts any record size; 16 MiB bounds what a hostile length prefix can make us allocate. */
    static final int MAX_RECORD = 16 * 1024 * 1024;

    private final Socket socket;
    private final String route;
    private final RecordWriter writer;
    private final RecordReader reader;

    TransitConnection(Socket socket, String route, TransitSecrets secrets, TransitRole role) throws IOException {
        this.socket = socket;
        this.route = route;
        TransitRole peer = role == TransitRole.SENDER ? TransitRole.RECEIVER : TransitRole.SENDER;
        this.writer = new RecordWriter(new BufferedOutputStream(socket.getOutputStream(), 1 << 16), secrets.recordBox(role));
        this.reader = new RecordReader(new BufferedInputStream(socket.getInputStream(), 1 << 16), secrets.recordBox(peer), MAX_RECORD);
    }

    /** How the connection was made, e.g. {@code direct 127.0.0.1:4242} or {@code relay 127.0.0.1:4001}. */
    public String route() {
        return route;
    }

    public boolean relayed() {
        return route.startsWith("relay");
    }

    public RecordWriter writer() {
        return writer;
    }

    public RecordReader reader() {
        return reader;
    }

    /** Bounds every later read: a vanished peer must not hang us. */
    public void readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    boolean owns(Socket s) {
        return s == socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
