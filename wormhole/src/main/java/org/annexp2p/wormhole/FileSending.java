package org.annexp2p.wormhole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.annexp2p.wormhole.code.Code;
import org.annexp2p.wormhole.transfer.AppMessage;
import org.annexp2p.wormhole.transit.RecordWriter;
import org.annexp2p.wormhole.transit.TransitConnection;
import org.annexp2p.wormhole.transit.TransitConnector;
import org.annexp2p.wormhole.transit.TransitHints;
import org.annexp2p.wormhole.transit.TransitListener;
import org.annexp2p.wormhole.transit.TransitRole;
import org.annexp2p.wormhole.transit.TransitSecrets;

/** The sending half of a file transfer: transit + offer, wait for the answer, stream records, check the ack. */
final class FileSending {

    /**
     * Python's FileSender writes 16 KiB records. Its receiver takes any size, and larger records halve our
     * per-record work (system calls, progress calls) without changing the format; docs/performance.md has why 64 KiB.
     */
    static final int CHUNK = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WormholeOptions options;

    FileSending(WormholeOptions options) {
        this.options = options;
    }

    FileSent send(Path file, Optional<Code> code, SendListener listener) throws WormholeException {
        long size;
        try {
            if (!Files.isRegularFile(file)) {
                throw new TransferException("not a regular file: " + file);
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new TransferException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        try (Session session = Session.open(options, code, listener::codeReady)) {
            Verification.check(session, listener.verify(session.verifier()));
            Optional<TransitListener> direct = DirectAddresses.listen(options);
            try {
                session.send(new AppMessage.Transit(new TransitHints(
                        direct.map(TransitListener::hints).orElse(List.of()), options.transitHelpers())));
                session.send(new AppMessage.FileOffer(name, size));
                TransitHints peer = awaitAcceptance(session);
                TransitConnector connector = new TransitConnector(TransitRole.SENDER,
                        new TransitSecrets(session.key().transitKey()), options.transitTimeout());
                try (TransitConnection connection = connector.connect(direct, peer, options.transitHelpers())) {
                    listener.transitConnected(connection.route());
                    String sha256 = stream(file, size, connection, listener);
                    session.close("happy");
                    return new FileSent(size, sha256, connection.route());
                }
            } finally {
                direct.ifPresent(TransitListener::close);
            }
        }
    }

    private static TransitHints awaitAcceptance(Session session) throws WormholeException {
        TransitHints peer = new TransitHints(List.of(), List.of());
        while (true) {
            AppMessage m = session.receive();
            if (m instanceof AppMessage.Transit t) {
                peer = t.hints();
            } else if (m instanceof AppMessage.FileAck ack) {
                if (!ack.ack().equals("ok")) {
                    throw new TransferException("the other side did not accept the file: " + ack.ack());
                }
                return peer;
            } else if (m instanceof AppMessage.Error e) {
                throw new TransferException("the other side refused the file: " + e.error());
            } else if (!(m instanceof AppMessage.Ignored)) {
                throw new PeerProtocolException("the other side answered a file offer with an unexpected message");
            }
        }
    }

    private String stream(Path file, long size, TransitConnection connection, SendListener listener) throws WormholeException {
        MessageDigest sha = sha256();
        long sent = 0;
        try (InputStream in = Files.newInputStream(file)) {
            connection.readTimeout(options.transitTimeout());
            RecordWriter writer = connection.writer();
            byte[] buffer = new byte[CHUNK];
            while (sent < size) {
                int n = in.readNBytes(buffer, 0, (int) Math.min(CHUNK, size - sent));
                if (n == 0) {
                    throw new TransferException("file " + file + " shrank while it was being sent");
                }
                writer.write(buffer, 0, n);
                sha.update(buffer, 0, n);
                sent += n;
                listener.progress(sent, size);
            }
            writer.flush();
        } catch (IOException e) {
            throw new TransferException("the transfer broke after " + sent + " of " + size + " bytes: " + reason(e), e);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        checkAck(connection, digest);
        return digest;
    }

    private static void checkAck(TransitConnection connection, String digest) throws WormholeException {
        byte[] ack;
        try {
            ack = connection.reader().read();
        } catch (IOException e) {
            throw new TransferException("the other side did not confirm receipt: " + reason(e), e);
        }
        JsonNode node;
        try {
            node = JSON.readTree(new String(ack, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PeerProtocolException("the other side's receipt is malformed");
        }
        if (node == null || !"ok".equals(node.path("ack").asText(null))) {
            throw new TransferException("the other side did not confirm receipt");
        }
        JsonNode theirs = node.get("sha256");
        if (theirs != null && !MessageDigest.isEqual(theirs.asText().getBytes(StandardCharsets.US_ASCII),
                digest.getBytes(StandardCharsets.US_ASCII))) {
            throw new TransferException("the other side received different bytes (SHA-256 mismatch)");
        }
    }

    static String reason(IOException e) {
        if (e instanceof EOFException) {
            return "the other side closed the connection";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "the other side stopped responding";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
