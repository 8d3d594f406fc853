package org.annexp2p.wormhole.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The XSalsa20 keystream for one key and 24-byte nonce, from block 0 on, XORed a word at a time. */
final class XSalsa20 {

    static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Fewer blocks than this go through the one-block core: the batch's loops would not pay for themselves. */
    static final int MIN_LANES = 32;

    private final int[] state = new int[16];
    private final int[] block = new int[16];

    /** {@code key} is the 32-byte key as 8 little-endian words. */
    XSalsa20(int[] key, byte[] nonce, int nonceOffset) {
        int[] s = state;
        s[0] = Salsa20.SIGMA0;
        s[5] = Salsa20.SIGMA1;
        s[10] = Salsa20.SIGMA2;
        s[15] = Salsa20.SIGMA3;
        System.arraycopy(key, 0, s, 1, 4);
        System.arraycopy(key, 4, s, 11, 4);
        for (int i = 0; i < 4; i++) {
            s[6 + i] = (int) LE.get(nonce, nonceOffset + 4 * i);
        }
        int[] subkey = new int[8];
        Salsa20.hsalsa(s, subkey);
        System.arraycopy(subkey, 0, s, 1, 4);
        System.arraycopy(subkey, 4, s, 11, 4);
        s[6] = (int) LE.get(nonce, nonceOffset + 16);
        s[7] = (int) LE.get(nonce, nonceOffset + 20);
        s[8] = 0;
        s[9] = 0;
    }

    /** Starts the keystream at block {@code first} instead of 0, so that tests can reach the counter's carry. */
    XSalsa20 from(long first) {
        state[8] = (int) first;
        state[9] = (int) (first >>> 32);
        return this;
    }

    private void advance(int n) {
        long counter = ((state[8] & 0xffffffffL) | ((long) state[9] << 32)) + n;
        state[8] = (int) counter;
        state[9] = (int) (counter >>> 32);
    }

    /** The next 64 keystream bytes as 16 words; the array is reused by the next call. */
    int[] next() {
        Salsa20.block(state, block);
        if (++state[8] == 0) {
            state[9]++;
        }
        return block;
    }

    /** XORs {@code length} bytes with the keystream, starting at the next block; {@code in} and {@code out} may be one. */
    void xor(byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        int blocks = length >>> 6;
        if (blocks >= MIN_LANES) {
            Salsa20Lanes lanes = new Salsa20Lanes(Math.min(Salsa20Lanes.LANES, blocks));
            while (blocks >= MIN_LANES) {
                int n = Math.min(lanes.capacity(), blocks);
                lanes.blocks(state, n);
                lanes.xor(n, in, inOffset, out, outOffset);
                advance(n);
                inOffset += n << 6;
                outOffset += n << 6;
                length -= n << 6;
                blocks -= n;
            }
        }
        int[] k = block;
        while (length >= 64) {
            next();
            for (int i = 0; i < 64; i += 4) {
                LE.set(out, outOffset + i, (int) LE.get(in, inOffset + i) ^ k[i >> 2]);
            }
            inOffset += 64;
            outOffset += 64;
            length -= 64;
        }
        if (length > 0) {
            next();
            xorBytes(k, 0, in, inOffset, out, outOffset, length);
        }
    }

    /** XORs {@code length} bytes with keystream bytes of {@code words}, starting at byte {@code from} of them. */
    static void xorBytes(int[] words, int from, byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            int b = from + i;
            out[outOffset + i] = (byte) (in[inOffset + i] ^ (words[b >> 2] >>> ((b & 3) << 3)));
        }
    }
}
