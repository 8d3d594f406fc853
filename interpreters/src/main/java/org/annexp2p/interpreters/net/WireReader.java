package org.annexp2p.interpreters.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.annexp2p.interpreters.PeerClosedException;
import org.annexp2p.protocol.message.MessageCodec;

/**
 * Reads the wire: newline-terminated lines (at most {@link MessageCodec#MAX_LINE_BYTES}) and raw DATA bytes,
 * through one buffer so that bytes read ahead of a line are never lost to the payload that follows.
 */
public final class WireReader {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int end;
    /** Bytes of the current DATA payload not yet read; drained before the next line. */
    private long payloadLeft;

    public WireReader(InputStream in) {
        this(in, 128 * 1024);
    }

    WireReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, MessageCodec.MAX_LINE_BYTES + 2)];
    }

    /** The next line without its newline; PeerClosedException at end of stream. */
    public byte[] readLine() throws IOException {
        skipPayload();
        int scanned = 0;
        while (true) {
            // git-annex gives up once it has read 32768 characters without a newline.
            int limit = Math.min(end, pos + MessageCodec.MAX_LINE_BYTES);
            for (int i = pos + scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(buf, pos, i);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = limit - pos;
            if (scanned >= MessageCodec.MAX_LINE_BYTES) {
                throw new IOException("protocol error (a line longer than " + MessageCodec.MAX_LINE_BYTES + " bytes)");
            }
            if (!fill()) {
                throw new PeerClosedException(scanned == 0 ? "the peer closed the connection"
                        : "the peer closed the connection in the middle of a line");
            }
        }
    }

    /** Starts a payload of {@code length} bytes; read it with {@link #readPayload}. */
    public void beginPayload(long length) throws IOException {
        skipPayload();
        payloadLeft = length;
    }

    /** Reads payload bytes; -1 when the payload is complete or the peer is gone. */
    public int readPayload(byte[] b, int off, int len) throws IOException {
        if (payloadLeft <= 0) {
            return -1;
        }
        int want = (int) Math.min(len, payloadLeft);
        if (pos < end) {
            int n = Math.min(want, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            payloadLeft -= n;
            return n;
        }
        // Large reads go straight into the caller's buffer: no second copy on the bulk path.
        int n = in.read(b, off, want);
        if (n < 0) {
            payloadLeft = 0;
            return -1;
        }
        payloadLeft -= n;
        return n;
    }

    public long payloadLeft() {
        return payloadLeft;
    }

    private void skipPayload() throws IOException {
        byte[] scratch = null;
        while (payloadLeft > 0) {
            if (scratch == null) {
                scratch = new byte[64 * 1024];
            }
            if (readPayload(scratch, 0, scratch.length) < 0) {
                break;
            }
        }
    }

    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }
}
