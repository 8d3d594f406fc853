package org.annexp2p.transports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BulkInputStreamTest {

    /** Hands out its bytes at most two at a time, and counts each bulk read. */
    private static final class Counted extends BulkInputStream {
        private final byte[] bytes;
        private int at;
        int bulkReads;

        Counted(byte... bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            bulkReads++;
            if (at == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 2), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }

    @Test
    void aSingleByteReadGoesThroughTheBulkReadAndIsUnsigned() throws IOException {
        Counted in = new Counted((byte) 0x00, (byte) 0x7f, (byte) 0x80, (byte) 0xff);
        assertEquals(0x00, in.read());
        assertEquals(0x7f, in.read());
        assertEquals(0x80, in.read());
        assertEquals(0xff, in.read());
        assertEquals(-1, in.read());
        assertEquals(5, in.bulkReads);
    }

    @Test
    void singleAndBulkReadsInterleaveInOrder() throws IOException {
        Counted in = new Counted((byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        seen.write(in.read());
        byte[] two = new byte[2];
        seen.write(two, 0, in.read(two, 0, 2));
        int b;
        while ((b = in.read()) >= 0) {
            seen.write(b);
        }
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, seen.toByteArray());
    }
}
