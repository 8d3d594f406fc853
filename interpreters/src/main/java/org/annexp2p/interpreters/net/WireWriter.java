package org.annexp2p.interpreters.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.program.Meter;

/**
 * Writes protocol lines (each flushed, as git-annex does) and exact-length DATA payloads. Thread-safe: while a
 * CONNECT relays, two threads write to the peer.
 */
public final class WireWriter {
    private final OutputStream out;
    /** Made on the first payload: most connections idle or only talk, and a server may hold a thousand. */
    private byte[] chunk;

    public WireWriter(OutputStream out) {
        this.out = out;
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
