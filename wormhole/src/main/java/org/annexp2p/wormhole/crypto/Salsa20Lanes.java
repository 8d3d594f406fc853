package org.annexp2p.wormhole.crypto;

/**
 * Salsa20/20 for up to {@link #LANES} consecutive blocks at once, laid out with one array per state word that holds
 * that word of every block. Each step of a quarter-round is then a loop over the blocks with no dependence between
 * iterations, which C2 compiles to vector instructions; {@link Salsa20#block} is serial within its one block.
 */
final class Salsa20Lanes {

    /** Blocks per batch: the loops need enough iterations for the vector code to outweigh their set-up. */
    static final int LANES = 256;

    /**
     * The steps of a double round: word {@code d ^= rotl(a + b, r)} as {@code d, a, b, r}, columns then rows. Run
     * from this table, not written out, the round is one small loop for C2 to compile. Written out as 32 loops, the
     * first batches of a fresh JVM cost more CPU than the vector code saved in a whole transfer.
     */
    private static final int[] STEPS = {
        4, 0, 12, 7,
        8, 4, 0, 9,
        12, 8, 4, 13,
        0, 12, 8, 18,
        9, 5, 1, 7,
        13, 9, 5, 9,
        1, 13, 9, 13,
        5, 1, 13, 18,
        14, 10, 6, 7,
        2, 14, 10, 9,
        6, 2, 14, 13,
        10, 6, 2, 18,
        3, 15, 11, 7,
        7, 3, 15, 9,
        11, 7, 3, 13,
        15, 11, 7, 18,
        1, 0, 3, 7,
        2, 1, 0, 9,
        3, 2, 1, 13,
        0, 3, 2, 18,
        6, 5, 4, 7,
        7, 6, 5, 9,
        4, 7, 6, 13,
        5, 4, 7, 18,
        11, 10, 9, 7,
        8, 11, 10, 9,
        9, 8, 11, 13,
        10, 9, 8, 18,
        12, 15, 14, 7,
        13, 12, 15, 9,
        14, 13, 12, 13,
        15, 14, 13, 18,
    };

    private final int[][] x;

    /** Room for {@code lanes} blocks ({@code 1 <= lanes <= LANES}). */
    Salsa20Lanes(int lanes) {
        x = new int[16][lanes];
    }

    int capacity() {
        return x[0].length;
    }

    /**
     * Makes the keystream of {@code n} blocks of state {@code s}: block {@code l} has the 64-bit block counter of
     * words 8 and 9 plus {@code l}, carried into word 9 as the scalar core's caller does.
     */
    void blocks(int[] s, int n) {
        int[] x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
        int[] x8 = x[8], x9 = x[9], x10 = x[10], x11 = x[11], x12 = x[12], x13 = x[13], x14 = x[14], x15 = x[15];
        long counter = (s[8] & 0xffffffffL) | ((long) s[9] << 32);
        for (int w = 0; w < 16; w++) {
            java.util.Arrays.fill(x[w], 0, n, s[w]);
        }
        for (int l = 0; l < n; l++) {
            long c = counter + l;
            x8[l] = (int) c;
            x9[l] = (int) (c >>> 32);
        }
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < 32; k++) {
                int[] d = x[STEPS[4 * k]];
                int[] a = x[STEPS[4 * k + 1]];
                int[] b = x[STEPS[4 * k + 2]];
                int r = STEPS[4 * k + 3];
                for (int l = 0; l < n; l++) {
                    d[l] ^= Integer.rotateLeft(a[l] + b[l], r);
                }
            }
        }
        for (int w = 0; w < 16; w++) {
            if (w != 8 && w != 9) {
                int[] xw = x[w];
                int sw = s[w];
                for (int l = 0; l < n; l++) {
                    xw[l] += sw;
                }
            }
        }
        for (int l = 0; l < n; l++) {
            long c = counter + l;
            x8[l] += (int) c;
            x9[l] += (int) (c >>> 32);
        }
    }

    /** Word {@code w} of block {@code l} of the last {@link #blocks}. */
    int word(int l, int w) {
        return x[w][l];
    }

    /** XORs {@code n * 64} bytes with the keystream of the last {@link #blocks}; {@code in} and {@code out} may be one. */
    void xor(int n, byte[] in, int inOffset, byte[] out, int outOffset) {
        for (int w = 0; w < 16; w++) {
            int[] xw = x[w];
            int i = inOffset + 4 * w;
            int o = outOffset + 4 * w;
            for (int l = 0; l < n; l++, i += 64, o += 64) {
                XSalsa20.LE.set(out, o, (int) XSalsa20.LE.get(in, i) ^ xw[l]);
            }
        }
    }
}
