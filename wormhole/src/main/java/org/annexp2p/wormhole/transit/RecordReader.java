package org.annexp2p.wormhole.transit;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import org.annexp2p.wormhole.PeerProtocolException;
import org.annexp2p.wormhole.crypto.DecryptionException;
import org.annexp2p.wormhole.crypto.SecretBox;

/** Reads Transit records, insisting on nonces 0, 1, 2... so records cannot be replayed or reordered. */
public final class RecordReader {

    private final DataInputStream in;
    private final SecretBox box;
    private final int maxRecord;
    private BigInteger expected = BigInteger.ZERO;

    /** {@code maxRecord} bounds the memory a hostile length prefix can make us allocate. */
    public RecordReader(InputStream in, SecretBox box, int maxRecord) {
        this.in = new DataInputStream(in);
        this.box = box;
        this.maxRecord = maxRecord;
    }

    /** The next plaintext; EOF surfaces as {@link EOFException} so callers can say how far the transfer got. */
    public byte[] read() throws IOException, PeerProtocolException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new EOFException("the other side closed the connection");
        }
        if (length < SecretBox.OVERHEAD || length > maxRecord) {
            throw new PeerProtocolException("transit record length " + Integer.toUnsignedString(length) + " is out of range");
        }
        byte[] sealed = new byte[length];
        try {
            in.readFully(sealed);
        } catch (EOFException e) {
            throw new EOFException("the other side closed the connection in the middle of a record");
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(sealed, 0, SecretBox.NONCE_BYTES), nonceBytes(expected))) {
            throw new PeerProtocolException("transit record arrived out of sequence");
        }
        expected = expected.add(BigInteger.ONE);
        try {
            return box.open(sealed);
        } catch (DecryptionException e) {
            throw new PeerProtocolException("transit record failed authentication (corrupted or tampered)");
        }
    }

    static byte[] nonceBytes(BigInteger n) {
        byte[] be = n.toByteArray();
        byte[] out = new byte[SecretBox.NONCE_BYTES];
        int len = Math.min(be.length, out.length);
        System.arraycopy(be, be.length - len, out, out.length - len, len);
        return out;
    }
}
