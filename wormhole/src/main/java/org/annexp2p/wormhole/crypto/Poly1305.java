package org.annexp2p.wormhole.crypto;

/**
 * The Poly1305 one-time authenticator over a whole message at once (a secretbox MACs its ciphertext in one piece),
 * in 26-bit limbs so that every product fits a long. Constant time in the key and the message's contents.
 */
final class Poly1305 {

    static final int TAG_BYTES = 16;
    private static final long M26 = 0x3ffffff;

    private Poly1305() {
    }

    /** The tag of {@code length} bytes of {@code m} under the 32-byte one-time key given as 8 little-endian words. */
    static void tag(int[] key, byte[] m, int offset, int length, byte[] out, int outOffset) {
        long r0 = key[0] & 0x3ffffff;
        long r1 = ((key[0] >>> 26) | (key[1] << 6)) & 0x3ffff03;
        long r2 = ((key[1] >>> 20) | (key[2] << 12)) & 0x3ffc0ff;
        long r3 = ((key[2] >>> 14) | (key[3] << 18)) & 0x3f03fff;
        long r4 = (key[3] >>> 8) & 0x00fffff;
        long s1 = r1 * 5;
        long s2 = r2 * 5;
        long s3 = r3 * 5;
        long s4 = r4 * 5;
        long h0 = 0;
        long h1 = 0;
        long h2 = 0;
        long h3 = 0;
        long h4 = 0;
        byte[] last = new byte[16];
        int end = offset + length;
        for (int p = offset; p < end; p += 16) {
            byte[] src = m;
            int at = p;
            int hibit = 1 << 24;
            if (end - p < 16) {
                System.arraycopy(m, p, last, 0, end - p);
                last[end - p] = 1;
                src = last;
                at = 0;
                hibit = 0;
            }
            int m0 = (int) XSalsa20.LE.get(src, at);
            int m1 = (int) XSalsa20.LE.get(src, at + 4);
            int m2 = (int) XSalsa20.LE.get(src, at + 8);
            int m3 = (int) XSalsa20.LE.get(src, at + 12);
            h0 += m0 & M26;
            h1 += ((m0 >>> 26) | (m1 << 6)) & M26;
            h2 += ((m1 >>> 20) | (m2 << 12)) & M26;
            h3 += ((m2 >>> 14) | (m3 << 18)) & M26;
            h4 += (m3 >>> 8) | hibit;
            long d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
            long d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
            long d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
            long d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
            long d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;
            d1 += d0 >>> 26;
            h0 = d0 & M26;
            d2 += d1 >>> 26;
            h1 = d1 & M26;
            d3 += d2 >>> 26;
            h2 = d2 & M26;
            d4 += d3 >>> 26;
            h3 = d3 & M26;
            h0 += (d4 >>> 26) * 5;
            h4 = d4 & M26;
            h1 += h0 >>> 26;
            h0 &= M26;
        }
        finish(new long[] {h0, h1, h2, h3, h4}, key, out, outOffset);
    }

    /** Fully reduces h modulo 2^130 - 5, adds the pad (key words 4-7) and writes the low 128 bits. */
    private static void finish(long[] h, int[] key, byte[] out, int outOffset) {
        long h0 = h[0];
        long h1 = h[1];
        long h2 = h[2] + (h1 >>> 26);
        h1 &= M26;
        long h3 = h[3] + (h2 >>> 26);
        h2 &= M26;
        long h4 = h[4] + (h3 >>> 26);
        h3 &= M26;
        h0 += (h4 >>> 26) * 5;
        h4 &= M26;
        h1 += h0 >>> 26;
        h0 &= M26;
        // h - p = h + 5 - 2^130; keep it instead of h when that is not negative, without branching on it.
        long g0 = h0 + 5;
        long g1 = h1 + (g0 >>> 26);
        g0 &= M26;
        long g2 = h2 + (g1 >>> 26);
        g1 &= M26;
        long g3 = h3 + (g2 >>> 26);
        g2 &= M26;
        long g4 = h4 + (g3 >>> 26) - (1L << 26);
        g3 &= M26;
        long keepH = g4 >> 63;
        h0 = (h0 & keepH) | (g0 & ~keepH);
        h1 = (h1 & keepH) | (g1 & ~keepH);
        h2 = (h2 & keepH) | (g2 & ~keepH);
        h3 = (h3 & keepH) | (g3 & ~keepH);
        h4 = (h4 & keepH) | (g4 & M26 & ~keepH);
        long w0 = (h0 | (h1 << 26)) & 0xffffffffL;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & 0xffffffffL;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & 0xffffffffL;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & 0xffffffffL;
        long f = w0 + (key[4] & 0xffffffffL);
        XSalsa20.LE.set(out, outOffset, (int) f);
        f = w1 + (key[5] & 0xffffffffL) + (f >>> 32);
        XSalsa20.LE.set(out, outOffset + 4, (int) f);
        f = w2 + (key[6] & 0xffffffffL) + (f >>> 32);
        XSalsa20.LE.set(out, outOffset + 8, (int) f);
        f = w3 + (key[7] & 0xffffffffL) + (f >>> 32);
        XSalsa20.LE.set(out, outOffset + 12, (int) f);
    }
}
