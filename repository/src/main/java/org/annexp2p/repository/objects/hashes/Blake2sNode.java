package org.annexp2p.repository.objects.hashes;

import java.util.Arrays;

/**
 * One BLAKE2s hash (RFC 7693) with the whole parameter block the BLAKE2 paper defines for tree hashing, which
 * Bouncy Castle's public constructors do not expose. Unkeyed, unsalted, unpersonalised: all git-annex uses.
 * {@link #finish()} gives the whole 32-byte state; a caller wanting fewer bytes takes a prefix (the parameter
 * block already holds the length, so a shorter hash is not merely a prefix of a longer one).
 */
final class Blake2sNode implements Blake2Node {
    static final int BLOCK = 64;
    static final int OUT = 32;

    private static final int[] IV = {
        0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A, 0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19};

    private final int[] h = new int[8];
    private final boolean lastNode;
    private final byte[] buffer = new byte[BLOCK];
    private int buffered;
    private long counter;
    private final int[] m = new int[16];
    private final int[] v = new int[16];

    /** A maker of nodes hashing to {@code digestLength} bytes (1..32). */
    static Maker of(int digestLength) {
        return (fanout, depth, nodeOffset, nodeDepth, innerLength, lastNode) ->
                new Blake2sNode(digestLength, fanout, depth, nodeOffset, nodeDepth, innerLength, lastNode);
    }

    Blake2sNode(int digestLength, int fanout, int depth, long nodeOffset, int nodeDepth, int innerLength,
            boolean lastNode) {
        if (digestLength < 1 || digestLength > OUT || innerLength > OUT || nodeOffset >>> 48 != 0) {
            throw new IllegalArgumentException("not a BLAKE2s parameter block");
        }
        // The parameter block as little-endian words: digest length, key length (0), fan-out, depth | leaf
        // length (0) | node offset, low 32 bits | its high 16 bits, node depth, inner length | salt, personal (0).
        int[] p = {digestLength | fanout << 16 | depth << 24, 0, (int) nodeOffset,
            (int) (nodeOffset >>> 32) | nodeDepth << 16 | innerLength << 24, 0, 0, 0, 0};
        for (int i = 0; i < 8; i++) {
            h[i] = IV[i] ^ p[i];
        }
        this.lastNode = lastNode;
    }

    @Override
    public void update(byte[] in, int offset, int length) {
        while (length > 0) {
            if (buffered == BLOCK) {
                // A full block is compressed only once more input shows it is not the last one.
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
            out[i] = (byte) (h[i / 4] >>> (8 * (i % 4)));
        }
        return out;
    }

    private void compress(boolean finalBlock) {
        for (int i = 0; i < 16; i++) {
            m[i] = (buffer[4 * i] & 0xFF) | (buffer[4 * i + 1] & 0xFF) << 8 | (buffer[4 * i + 2] & 0xFF) << 16
                    | (buffer[4 * i + 3] & 0xFF) << 24;
        }
        System.arraycopy(h, 0, v, 0, 8);
        System.arraycopy(IV, 0, v, 8, 8);
        v[12] ^= (int) counter;
        v[13] ^= (int) (counter >>> 32);
        if (finalBlock) {
            v[14] = ~v[14];
            if (lastNode) {
                v[15] = ~v[15];
            }
        }
        for (int r = 0; r < 10; r++) {
            byte[] s = Blake2Sigma.ROWS[r];
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

    private void g(int a, int b, int c, int d, int x, int y) {
        v[a] += v[b] + x;
        v[d] = Integer.rotateRight(v[d] ^ v[a], 16);
        v[c] += v[d];
        v[b] = Integer.rotateRight(v[b] ^ v[c], 12);
        v[a] += v[b] + y;
        v[d] = Integer.rotateRight(v[d] ^ v[a], 8);
        v[c] += v[d];
        v[b] = Integer.rotateRight(v[b] ^ v[c], 7);
    }
}
