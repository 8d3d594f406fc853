package org.annexp2p.http.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.FileRegion;

/**
 * The request's side of a GET: the content the repository's side sends goes to the response as it arrives, from
 * the object's file by sendfile where the response can take that (plain HTTP), else copied through the heap.
 * Its last byte is held back until the sender says whether the content was valid; invalid content (the file
 * changed while it was sent) goes out one byte short of the announced length, which is how p2phttp tells the
 * client, whatever its version.
 */
final class Download extends RequestSide {
    private static final int CHUNK = 64 * 1024;

    private final Offset offset;
    private final ContentSink sink;
    private OutputStream body;
    private int heldBack = -1;
    private boolean ended;

    Download(Offset offset, ContentSink sink) {
        this.offset = offset;
        this.sink = sink;
    }

    @Override
    public Len destinationSize(Local.DestinationSize i) {
        return Len.of(offset.value());
    }

    @Override
    public Len writeContent(Local.WriteContent i) throws IOException {
        long length = i.length().value();
        body = sink.begin(length);
        long left = length;
        try (InputStream in = i.payload().stream()) {
            Optional<FileRegion.Sender> direct = sink.fileSender();
            // Content that fits one chunk goes in one write the request need not wait for: sendfile pays only for more.
            if (in instanceof FileRegion file && direct.isPresent() && length > CHUNK) {
                for (long n; left > 1; left -= n) {
                    n = file.sendWith(direct.get(), left - 1);
                    if (n <= 0) {
                        throw new IOException("the content ended " + left + " bytes early");
                    }
                }
            }
            copy(in, left);
            if (left > 0) {
                heldBack = in.read();
                if (heldBack < 0) {
                    throw new IOException("the content ended 1 byte early");
                }
            }
        }
        return i.length();
    }

    /** Copies all but the last of {@code left} bytes to the body. */
    private void copy(InputStream in, long left) throws IOException {
        if (left <= 1) {
            return;
        }
        byte[] chunk = new byte[(int) Math.min(CHUNK, left)];
        while (left > 1) {
            // Whole chunks: each write is an HTTP chunk and a flush, and a stream may hand over smaller pieces.
            int want = (int) Math.min(chunk.length, left - 1);
            for (int filled = 0, n; filled < want; filled += n) {
                n = in.read(chunk, filled, want - filled);
                if (n < 0) {
                    throw new IOException("the content ended " + (left - filled) + " bytes early");
                }
            }
            body.write(chunk, 0, want);
            left -= want;
        }
    }

    @Override
    public Boolean finishContent(Local.FinishContent i) throws IOException {
        boolean valid = i.validity().forAll(v -> v == Validity.VALID);
        if (valid && heldBack >= 0) {
            body.write(heldBack);
        }
        end();
        return valid;
    }

    /** Whether a response began (headers sent), so that a failure later can only cut it short. */
    boolean begun() {
        return body != null;
    }

    /** Ends a response that began and was not yet ended (content announced as empty ends without a finish). */
    void end() throws IOException {
        if (body != null && !ended) {
            ended = true;
            body.flush();
            sink.end();
        }
    }
}
