package org.annexp2p.wormhole.transit;

import java.io.IOException;
import java.io.OutputStream;
import org.annexp2p.wormhole.crypto.SecretBox;

/** Writes Transit records: {@code uint32_be(len) || nonce || tag || ciphertext}, nonces counting up from 0. */
public final class RecordWriter {

    private final OutputStream out;
    private final SecretBox box;
    private final byte[] nonce = new byte[SecretBox.NONCE_BYTES];
    private long count;
    private byte[] record = new byte[0];

    public RecordWriter(OutputStream out, SecretBox box) {
        this.out = out;
        this.box = box;
    }

    public void write(byte[] plaintext) throws IOException {
        write(plaintext, 0, plaintext.length);
    }

    /** One record of {@code length} bytes of {@code plaintext}, sealed into a buffer this writer reuses. */
    public void write(byte[] plaintext, int offset, int length) throws IOException {
        if (record.length < 4 + SecretBox.OVERHEAD + length) {
            record = new byte[4 + SecretBox.OVERHEAD + length];
        }
        RecordReader.nonceBytes(count++, nonce);
        int n = box.seal(nonce, plaintext, offset, length, record, 4);
        record[0] = (byte) (n >>> 24);
        record[1] = (byte) (n >>> 16);
        record[2] = (byte) (n >>> 8);
        record[3] = (byte) n;
        out.write(record, 0, 4 + n);
    }

    public void flush() throws IOException {
        out.flush();
    }
}
