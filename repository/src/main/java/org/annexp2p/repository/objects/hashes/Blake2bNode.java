package org.annexp2p.repository.objects.hashes;

import java.util.Arrays;

/**
 * One BLAKE2b hash (RFC 7693) with the whole parameter block of the BLAKE2 paper's tree hashing: the 64-bit twin
 * of {@link Blake2sNode}. {@link #finish()} gives the whole 64-byte state.
 */
final class Blake2bNode implements Blake2Node {
    static final int BLOCK = 128;
    static final int OUT = 64;

    private static final long[] IV = {
        0x6A09E667F3BCC908L, 0xBB67AE8584CAA73BL, 0x3C6EF372FE94F82BL, 0xA54FF53A5F1D36F1L,
        0x510E527FADE682D1L, 0x9B05688C2B3E6C1FL, 0x1F83D9ABFB41BD6BL, 0x5BE0CD19137E2179L};

    private final long[] h = new long[8];
    private final boolean lastNode;
    private final byte[] buffer = new byte[BLOCK];
    private int buffered;
    /** Bytes compressed so far; the counter's high word stays 0 below 2^64 bytes. */
    private long counter;
    private final long[] m = new long[16];
    private final long[] v = new long[16];

    /** A maker of nodes hashing to {@code digestLength} bytes (1..64). */
    static Maker of(int digestLength) {
        return (fanout, depth, nodeOffset, nodeDepth, innerLength, lastNode) ->
                new Blake2bNode(digestLength, fanout, depth, nodeOffset, nodeDepth, innerLength, lastNode);
    }

    Blake2bNode(int digestLength, int fanout, int depth, long nodeOffset, int nodeDepth, int innerLength,
            boolean lastNode) {
        if (digestLength < 1 || digestLength > OUT || innerLength > OUT) {
            throw new IllegalArgumentException("not a BLAKE2b parameter block");
        }
        // The parameter block as little-endian words: digest length, key length (0), fan-out, depth, leaf length
        // (0) | node offset | node depth, inner length, reserved | reserved | salt, personal (0).
        long[] p = {digestLength | fanout << 16 | (long) depth << 24, nodeOffset, nodeDepth | innerLength << 8,
            0, 0, 0, 0, 0};
        for (int i = 0; i < 8; i++) {
            h[i] = IV[i] ^ p[i];
        }
        this.lastNode = lastNode;
    }

    @Override
    public void update(byte[] in, int offset, int length) {
        while (length > 0) {
            if (buffered == BLOCK) {
                counter += BLOCK;
                compress(false);
                buffered = 0;
            }
            int n = Math.min(BLOCK - buffered, length);
            System.arraycopy(in, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
        }
    }

    @Override
    public byte[] finish() {
        counter += buffered;
        Arrays.fill(buffer, buffered, BLOCK, (byte) 0);
        compress(true);
        byte[] out = new byte[OUT];
        for (int i = 0; i < OUT; i++) {
            out[i] = (byte) (h[i / 8] >>> (8 * (i % 8)));
        }
        return out;
    }

    private void compress(boolean finalBlock) {
        for (int i = 0; i < 16; i++) {
            long w = 0;
            for (int j = 7; j >= 0; j--) {
                w = w << 8 | (buffer[8 * i + j] & 0xFF);
            }
            m[i] = w;
        }
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= counter;
        if (finalBlock) {
            v[14] = ~v[14];
            if (lastNode) {
                v[15] = ~v[15];
            }
        }
        for (int r = 0; r < 12; r++) {
            byte[] s = Blake2Sigma.ROWS[r % 10];
            g(0, 4, 8, 12, m[s[0]], m[s[1]]);
            g(1, 5, 9, 13, m[s[2]], m[s[3]]);
            g(2, 6, 10, 14, m[s[4]], m[s[5]]);
            g(3, 7, 11, 15, m[s[6]], m[s[7]]);
            g(0, 5, 10, 15, m[s[8]], m[s[9]]);
            g(1, 6, 11, 12, m[s[10]], m[s[11]]);
            g(2, 7, 8, 13, m[s[12]], m[s[13]]);
            g(3, 4, 9, 14, m[s[14]], m[s[15]]);
        }
        for (int i = 0; i < 8; i++) {
            h[i] ^= v[i] ^ v[i + 8];
        }
    }

    private void g(int a, int b, int c, int d, long x, long y) {
        v[a] += v[b] + x;
        v[d] = Long.rotateRight(v[d] ^ v[a], 32);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 24);
        v[a] += v[b] + y;
        v[d] = Long.rotateRight(v[d] ^ v[a], 16);
        v[c] += v[d];
        v[b] = Long.rotateRight(v[b] ^ v[c], 63);
    }
}
