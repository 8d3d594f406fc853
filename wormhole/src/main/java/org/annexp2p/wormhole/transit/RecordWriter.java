package org.annexp2p.wormhole.transit;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import org.annexp2p.wormhole.crypto.SecretBox;

/** Writes Transit records: {@code uint32_be(len) || nonce || tag || ciphertext}, nonces counting up from 0. */
public final class RecordWriter {

    private final OutputStream out;
    private final SecretBox box;
    private BigInteger nonce = BigInteger.ZERO;

    public RecordWriter(OutputStream out, SecretBox box) {
        this.out = out;
        this.box = box;
    }

    public void write(byte[] plaintext) throws IOException {
        byte[] sealed = box.seal(RecordReader.nonceBytes(nonce), plaintext);
        nonce = nonce.add(BigInteger.ONE);
        int n = sealed.length;
        out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(sealed);
    }

    public void flush() throws IOException {
        out.flush();
    }
}
