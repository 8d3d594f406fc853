package org.annexp2p.interpreters.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.annexp2p.interpreters.PeerClosedException;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.repository.BackgroundThread;

/**
 * Reads the wire: newline-terminated lines (at most {@link MessageCodec#MAX_LINE_BYTES}) and raw DATA bytes,
 * through one buffer so that bytes read ahead of a line are never lost to the payload that follows.
 */
final class WireReader {
    /**
     * What the buffer holds until a line needs more. A server holds a reader per connection, most of them idle
     * or sending short lines, and payloads bypass the buffer; a whole-size buffer per connection was most of
     * the memory of a server holding thousands of peers.
     */
    static final int FIRST_SIZE = 8 * 1024;

    private final InputStream in;
    /** The most the buffer grows to: a longest line and its newline fit. */
    private final int maxSize;
    private byte[] buf;
    private int pos;
    private int end;
    /** Bytes of the current DATA payload not yet read; drained before the next line. */
    private long payloadLeft;
    /** A read started on another thread by {@link #watchForHangUp}; joined before the buffer is touched here. */
    private Thread readAhead;
    /** Set by the read-ahead: the peer's end of the stream was reached, or reading failed. */
    private volatile boolean ended;
    /** True while this side waits on something else: only then does a read-ahead interrupt the wait. */
    private volatile boolean waiting;
    private volatile boolean sentEarly;
    private IOException aheadFailure;

    public WireReader(InputStream in) {
        this(in, 128 * 1024);
    }

    WireReader(InputStream in, int bufferSize) {
        this.in = in;
        this.maxSize = Math.max(bufferSize, MessageCodec.MAX_LINE_BYTES + 2);
        this.buf = new byte[Math.min(FIRST_SIZE, maxSize)];
    }

    /** The buffer's size now. */
    int bufferSize() {
        return buf.length;
    }

    /** The next line without its newline; PeerClosedException at end of stream. */
    public byte[] readLine() throws IOException {
        settle();
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

    /**
     * True when nothing of the peer's has been read ahead: no bytes buffered here, no payload left to skip, no
     * read-ahead started or finished. Then the next line is all in the stream, and reading it may wait there.
     */
    public boolean nothingReadAhead() {
        return pos == end && payloadLeft == 0 && readAhead == null && !ended;
    }

    /** Starts a payload of {@code length} bytes; read it with {@link #readPayload}. */
    public void beginPayload(long length) throws IOException {
        settle();
        skipPayload();
        payloadLeft = length;
    }

    /** Reads payload bytes; -1 when the payload is complete or the peer is gone. */
    public int readPayload(byte[] b, int off, int len) throws IOException {
        settle();
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

    /**
     * While this side waits for something other than the peer (NOTIFYCHANGE waits for refs to change), reads
     * on another thread, so that the peer going away is noticed. {@code interrupt} runs (on that thread) if,
     * before the returned wait is closed, the peer hangs up — or sends anything at all, which a peer that
     * follows the protocol never does while it waits for the answer (then {@link #sentWhileWaiting()}). What
     * was read is kept for the next read here.
     */
    public Closeable watchWhileWaiting(Runnable interrupt) {
        waiting = true;
        if (ended || pos < end) {
            sentEarly = !ended;
            interrupt.run();
        } else if (readAhead == null) {
            readAhead = BackgroundThread.start("hang-up watch", () -> {
                boolean more;
                try {
                    more = fill();
                } catch (IOException e) {
                    aheadFailure = e;
                    more = false;
                }
                ended = !more;
                // Only while still waiting: bytes that answer our reply to the wait are the next request.
                if (waiting) {
                    sentEarly = more;
                    interrupt.run();
                }
            });
        }
        return () -> waiting = false;
    }

    /** True once a read-ahead found the peer gone. */
    public boolean hungUp() {
        return ended;
    }

    /** True if a wait was interrupted because the peer sent bytes instead of waiting for the answer. */
    public boolean sentWhileWaiting() {
        return sentEarly;
    }

    /** Waits for a read-ahead to finish, so its bytes (and its end) become this thread's to use. */
    private void settle() throws IOException {
        Thread t = readAhead;
        if (t == null) {
            return;
        }
        BackgroundThread.awaitEnd(t);
        readAhead = null;
    }

    private boolean fill() throws IOException {
        if (ended) {
            if (aheadFailure != null) {
                throw aheadFailure;
            }
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        if (end == buf.length && buf.length < maxSize) {
            // Only a line longer than the buffer fills it: grow towards the longest line allowed.
            buf = Arrays.copyOf(buf, Math.min(maxSize, buf.length * 2));
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }
}
