package org.annexp2p.wormhole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.annexp2p.wormhole.code.Code;
import org.annexp2p.wormhole.transfer.AppMessage;
import org.annexp2p.wormhole.transit.RecordReader;
import org.annexp2p.wormhole.transit.RecordWriter;
import org.annexp2p.wormhole.transit.TransitConnection;
import org.annexp2p.wormhole.transit.TransitConnector;
import org.annexp2p.wormhole.transit.TransitHints;
import org.annexp2p.wormhole.transit.TransitListener;
import org.annexp2p.wormhole.transit.TransitRole;
import org.annexp2p.wormhole.transit.TransitSecrets;

/**
 * The receiving half: wait for the offer, answer it, and for files pull exactly the announced
 * bytes into a temporary file beside the target, renamed into place only once complete.
 */
final class Receiving {

    static final String REJECTED = "transfer rejected";

    private final WormholeOptions options;

    Receiving(WormholeOptions options) {
        this.options = options;
    }

    Received receive(Code code, ReceiveListener listener) throws WormholeException {
        try (Session session = Session.open(options, Optional.of(code), c -> { })) {
            Verification.check(session, listener.verify(session.verifier()));
            TransitHints peer = new TransitHints(List.of(), List.of());
            while (true) {
                AppMessage m = session.receive();
                if (m instanceof AppMessage.Transit t) {
                    peer = t.hints();
                } else if (m instanceof AppMessage.TextOffer text) {
                    session.send(new AppMessage.MessageAck("ok"));
                    session.close("happy");
                    return new Received.Text(text.message());
                } else if (m instanceof AppMessage.FileOffer file) {
                    return receiveFile(session, file, peer, listener);
                } else if (m instanceof AppMessage.DirectoryOffer) {
                    session.send(new AppMessage.Error("directory transfers are not supported by this client"));
                    throw new TransferException("the other side offered a directory, which this client cannot receive");
                } else if (m instanceof AppMessage.Error e) {
                    throw new TransferException("the other side reported an error: " + e.error());
                } else if (!(m instanceof AppMessage.Ignored)) {
                    throw new PeerProtocolException("the other side sent an answer before any offer");
                }
            }
        }
    }

    private Received receiveFile(Session session, AppMessage.FileOffer offer, TransitHints peer,
                                 ReceiveListener listener) throws WormholeException {
        Optional<Path> accepted = listener.acceptFile(new ReceiveListener.IncomingFile(offer.filename(), offer.filesize()));
        if (accepted.isEmpty()) {
            session.send(new AppMessage.Error(REJECTED));
            throw new TransferException(REJECTED);
        }
        Path target = accepted.get().toAbsolutePath();
        if (Files.exists(target)) {
            session.send(new AppMessage.Error(REJECTED));
            throw new TransferException("refusing to overwrite existing " + target);
        }
        Optional<TransitListener> direct = DirectAddresses.listen(options);
        try {
            session.send(new AppMessage.Transit(new TransitHints(
                    direct.map(TransitListener::hints).orElse(List.of()), options.transitHelpers())));
            session.send(new AppMessage.FileAck("ok"));
            TransitConnector connector = new TransitConnector(TransitRole.RECEIVER,
                    new TransitSecrets(session.key().transitKey()), options.transitTimeout());
            try (TransitConnection connection = connector.connect(direct, peer, options.transitHelpers())) {
                listener.transitConnected(connection.route());
                String sha256 = pull(connection, offer.filesize(), target, listener);
                session.close("happy");
                return new Received.File(target, offer.filesize(), sha256, connection.route());
            }
        } finally {
            direct.ifPresent(TransitListener::close);
        }
    }

    private String pull(TransitConnection connection, long size, Path target, ReceiveListener listener) throws WormholeException {
        Path temp;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new TransferException("cannot create a file next to " + target + ": " + e.getMessage(), e);
        }
        boolean done = false;
        long got = 0;
        try {
            MessageDigest sha = FileSending.sha256();
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                connection.readTimeout(options.transitTimeout());
                RecordReader reader = connection.reader();
                WriteBehind disk = new WriteBehind(out);
                while (got < size) {
                    ByteBuffer record = reader.next();
                    int length = record.remaining();
                    if (got + length > size) {
                        throw new TransferException("the other side sent more than the announced " + size + " bytes");
                    }
                    sha.update(record.array(), 0, length);
                    while (record.hasRemaining()) {
                        out.write(record);
                    }
                    got += length;
                    disk.wrote(length);
                    listener.progress(got, size);
                }
                disk.complete();
            }
            String digest = HexFormat.of().formatHex(sha.digest());
            RecordWriter writer = connection.writer();
            writer.write(("{\"ack\": \"ok\", \"sha256\": \"" + digest + "\"}").getBytes(StandardCharsets.US_ASCII));
            writer.flush();
            // A plain move refuses to replace a file that appeared meanwhile; an atomic rename would clobber it.
            Files.move(temp, target);
            done = true;
            return digest;
        } catch (FileAlreadyExistsException e) {
            throw new TransferException("refusing to overwrite " + target + ", which appeared during the transfer");
        } catch (IOException e) {
            throw new TransferException("the transfer broke after " + got + " of " + size + " bytes: "
                    + FileSending.reason(e) + "; nothing was saved", e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // best effort: the temp name starts with a dot and ends with .part
                }
            }
        }
    }
}
