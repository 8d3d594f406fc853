package org.annexp2p.wormhole.crypto;

/**
 * Salsa20/20 for up to {@link #LANES} consecutive blocks at once, laid out with one array per state word that holds
 * that word of every block. Each step of a quarter-round is then a loop over the blocks with no dependence between
 * iterations, which C2 compiles to vector instructions; {@link Salsa20#block} is serial within its one block.
 */
final class Salsa20Lanes {

    /** Blocks per batch: the loops need enough iterations for the vector code to outweigh their set-up. */
    static final int LANES = 256;

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
            for (int l = 0; l < n; l++) {
                x4[l] ^= Integer.rotateLeft(x0[l] + x12[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x8[l] ^= Integer.rotateLeft(x4[l] + x0[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x12[l] ^= Integer.rotateLeft(x8[l] + x4[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x0[l] ^= Integer.rotateLeft(x12[l] + x8[l], 18);
            }
            for (int l = 0; l < n; l++) {
                x9[l] ^= Integer.rotateLeft(x5[l] + x1[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x13[l] ^= Integer.rotateLeft(x9[l] + x5[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x1[l] ^= Integer.rotateLeft(x13[l] + x9[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x5[l] ^= Integer.rotateLeft(x1[l] + x13[l], 18);
            }
            for (int l = 0; l < n; l++) {
                x14[l] ^= Integer.rotateLeft(x10[l] + x6[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x2[l] ^= Integer.rotateLeft(x14[l] + x10[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x6[l] ^= Integer.rotateLeft(x2[l] + x14[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x10[l] ^= Integer.rotateLeft(x6[l] + x2[l], 18);
            }
            for (int l = 0; l < n; l++) {
                x3[l] ^= Integer.rotateLeft(x15[l] + x11[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x7[l] ^= Integer.rotateLeft(x3[l] + x15[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x11[l] ^= Integer.rotateLeft(x7[l] + x3[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x15[l] ^= Integer.rotateLeft(x11[l] + x7[l], 18);
            }
            for (int l = 0; l < n; l++) {
                x1[l] ^= Integer.rotateLeft(x0[l] + x3[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x2[l] ^= Integer.rotateLeft(x1[l] + x0[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x3[l] ^= Integer.rotateLeft(x2[l] + x1[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x0[l] ^= Integer.rotateLeft(x3[l] + x2[l], 18);
            }
            for (int l = 0; l < n; l++) {
                x6[l] ^= Integer.rotateLeft(x5[l] + x4[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x7[l] ^= Integer.rotateLeft(x6[l] + x5[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x4[l] ^= Integer.rotateLeft(x7[l] + x6[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x5[l] ^= Integer.rotateLeft(x4[l] + x7[l], 18);
            }
            for (int l = 0; l < n; l++) {
                x11[l] ^= Integer.rotateLeft(x10[l] + x9[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x8[l] ^= Integer.rotateLeft(x11[l] + x10[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x9[l] ^= Integer.rotateLeft(x8[l] + x11[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x10[l] ^= Integer.rotateLeft(x9[l] + x8[l], 18);
            }
            for (int l = 0; l < n; l++) {
                x12[l] ^= Integer.rotateLeft(x15[l] + x14[l], 7);
            }
            for (int l = 0; l < n; l++) {
                x13[l] ^= Integer.rotateLeft(x12[l] + x15[l], 9);
            }
            for (int l = 0; l < n; l++) {
                x14[l] ^= Integer.rotateLeft(x13[l] + x12[l], 13);
            }
            for (int l = 0; l < n; l++) {
                x15[l] ^= Integer.rotateLeft(x14[l] + x13[l], 18);
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
