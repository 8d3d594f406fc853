package org.annexp2p.interpreters.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.repository.FileRegion;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.FileSender;

/**
 * Writes protocol lines (each flushed, as git-annex does) and exact-length DATA payloads. Thread-safe: while a
 * CONNECT relays, two threads write to the peer.
 */
final class WireWriter {
    /** How much one sendfile call may move before progress is reported. */
    static final long DIRECT_STEP = 8L << 20;

    private final OutputStream out;
    private final Optional<FileSender> direct;
    /** Made on the first payload: most connections idle or only talk, and a server may hold a thousand. */
    private byte[] chunk;

    public WireWriter(OutputStream out) {
        this(out, Optional.empty());
    }

    /** {@code direct}: how {@code out}'s connection sends file content without copying it (see {@link Connection#fileSender()}). */
    public WireWriter(OutputStream out, Optional<FileSender> direct) {
        this.out = out;
        this.direct = direct;
    }

    public synchronized void send(Message m) throws IOException {
        out.write(MessageCodec.encode(m));
        out.flush();
    }

    /**
     * Copies exactly {@code length} bytes from {@code source}. If the source has fewer, the peer cannot be told
     * in-band, so this fails ("short data write") and the caller must hang up.
     */
    public synchronized void sendExactly(long length, InputStream source, Meter meter) throws IOException {
        if (direct.isPresent() && source instanceof FileRegion region) {
            sendDirect(length, region, direct.get(), meter);
            return;
        }
        if (chunk == null) {
            chunk = new byte[128 * 1024];
        }
        long left = length;
        long done = 0;
        while (left > 0) {
            int n = source.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new IOException("short data write: the content ended " + left + " bytes early");
            }
            out.write(chunk, 0, n);
            left -= n;
            done += n;
            meter.progress(done);
        }
        out.flush();
    }

    /** Flushes what is buffered, then lets the kernel move the file's bytes to where {@code out} goes. */
    private void sendDirect(long length, FileRegion region, FileSender target, Meter meter) throws IOException {
        out.flush();
        long done = 0;
        while (done < length) {
            long n = region.sendWith(target::send, Math.min(DIRECT_STEP, length - done));
            if (n <= 0) {
                throw new IOException("short data write: the content ended " + (length - done) + " bytes early");
            }
            done += n;
            meter.progress(done);
        }
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    /** One DATA message with its bytes, written together so that no other message can come between them. */
    public synchronized void sendData(byte[] b, int off, int len) throws IOException {
        out.write(MessageCodec.encode(new Message.Data(org.annexp2p.protocol.wire.Len.of(len))));
        out.write(b, off, len);
        out.flush();
    }
}
