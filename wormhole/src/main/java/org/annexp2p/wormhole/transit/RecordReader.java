package org.annexp2p.wormhole.transit;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.annexp2p.wormhole.PeerProtocolException;
import org.annexp2p.wormhole.crypto.DecryptionException;
import org.annexp2p.wormhole.crypto.SecretBox;

/** Reads Transit records, insisting on nonces 0, 1, 2... so records cannot be replayed or reordered. */
public final class RecordReader {

    private final DataInputStream in;
    private final SecretBox box;
    private final int maxRecord;
    private final byte[] expectedNonce = new byte[SecretBox.NONCE_BYTES];
    private long expected;
    private byte[] sealed = new byte[0];
    private byte[] plain = new byte[0];

    /** {@code maxRecord} bounds the memory a hostile length prefix can make us allocate. */
    public RecordReader(InputStream in, SecretBox box, int maxRecord) {
        this.in = new DataInputStream(in);
        this.box = box;
        this.maxRecord = maxRecord;
    }

    /** The next plaintext; EOF surfaces as {@link EOFException} so callers can say how far the transfer got. */
    public byte[] read() throws IOException, PeerProtocolException {
        ByteBuffer record = next();
        return Arrays.copyOfRange(record.array(), 0, record.limit());
    }

    /**
     * The next plaintext in a buffer this reader reuses: valid until the next call. Streams a file's records
     * without allocating two arrays per record.
     */
    public ByteBuffer next() throws IOException, PeerProtocolException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new EOFException("the other side closed the connection");
        }
        if (length < SecretBox.OVERHEAD || length > maxRecord) {
            throw new PeerProtocolException("transit record length " + Integer.toUnsignedString(length) + " is out of range");
        }
        if (sealed.length < length) {
            sealed = new byte[length];
            plain = new byte[length - SecretBox.OVERHEAD];
        }
        try {
            in.readFully(sealed, 0, length);
        } catch (EOFException e) {
            throw new EOFException("the other side closed the connection in the middle of a record");
        }
        nonceBytes(expected, expectedNonce);
        if (!Arrays.equals(sealed, 0, SecretBox.NONCE_BYTES, expectedNonce, 0, SecretBox.NONCE_BYTES)) {
            throw new PeerProtocolException("transit record arrived out of sequence");
        }
        expected++;
        try {
            return ByteBuffer.wrap(plain, 0, box.open(sealed, 0, length, plain, 0));
        } catch (DecryptionException e) {
            throw new PeerProtocolException("transit record failed authentication (corrupted or tampered)");
        }
    }

    /** Record {@code n}'s nonce: the counter big-endian in 24 bytes (a long's worth of records is plenty). */
    static void nonceBytes(long n, byte[] out) {
        Arrays.fill(out, (byte) 0);
        for (int i = 0; i < 8; i++) {
            out[SecretBox.NONCE_BYTES - 1 - i] = (byte) (n >>> (8 * i));
        }
    }
}
