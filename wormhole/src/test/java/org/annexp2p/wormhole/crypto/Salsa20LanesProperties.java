package org.annexp2p.wormhole.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The many-block Salsa20 against the one-block core and against BouncyCastle's XSalsa20: every batch size, block
 * counters that carry into their high word inside a batch and between batches, lengths that end inside a batch or
 * a block, and any offsets into the input and output arrays.
 */
class Salsa20LanesProperties {

    @Property(tries = 200)
    void everyLaneIsTheOneBlockCoreAtItsCounter(@ForAll @Size(16) int[] state, @ForAll("counters") long counter,
                                                @ForAll @IntRange(min = 1, max = Salsa20Lanes.LANES) int n) {
        state[8] = (int) counter;
        state[9] = (int) (counter >>> 32);
        Salsa20Lanes lanes = new Salsa20Lanes(Salsa20Lanes.LANES);
        lanes.blocks(state, n);
        int[] s = state.clone();
        int[] block = new int[16];
        int[] expected = new int[16 * n];
        int[] actual = new int[16 * n];
        for (int l = 0; l < n; l++) {
            Salsa20.block(s, block);
            System.arraycopy(block, 0, expected, 16 * l, 16);
            for (int w = 0; w < 16; w++) {
                actual[16 * l + w] = lanes.word(l, w);
            }
            if (++s[8] == 0) {
                s[9]++;
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 100)
    void xorIsTheReferenceStreamFromAnyBlock(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
                                             @ForAll("streamCounters") long first, @ForAll("lengths") int length,
                                             @ForAll @IntRange(max = 70) int inOffset, @ForAll @IntRange(max = 70) int outOffset) {
        byte[] in = new byte[inOffset + length];
        new java.util.Random(length).nextBytes(in);
        int[] keyWords = new int[8];
        for (int i = 0; i < 8; i++) {
            keyWords[i] = (int) XSalsa20.LE.get(key, 4 * i);
        }
        byte[] ours = new byte[outOffset + length];
        new XSalsa20(keyWords, nonce, 0).from(first).xor(in, inOffset, ours, outOffset, length);

        XSalsa20Engine reference = new XSalsa20Engine();
        reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        reference.seekTo(first * 64);
        byte[] theirs = new byte[length];
        reference.processBytes(in, inOffset, length, theirs, 0);
        assertThat(Arrays.copyOfRange(ours, outOffset, outOffset + length)).isEqualTo(theirs);
    }

    @Property(tries = 50)
    void xorInPlaceIsTheSameAsIntoAnotherArray(@ForAll @Size(8) int[] key, @ForAll @Size(24) byte[] nonce,
                                               @ForAll("lengths") int length, @ForAll @IntRange(max = 70) int offset) {
        byte[] data = new byte[offset + length];
        new java.util.Random(length).nextBytes(data);
        byte[] apart = new byte[offset + length];
        new XSalsa20(key, nonce, 0).xor(data, offset, apart, offset, length);
        new XSalsa20(key, nonce, 0).xor(data, offset, data, offset, length);
        assertThat(Arrays.copyOfRange(data, offset, data.length)).isEqualTo(Arrays.copyOfRange(apart, offset, apart.length));
    }

    /** Block counters at 0, and just below the carry into the high word so that a batch or the next one crosses it. */
    @Provide
    Arbitrary<Long> streamCounters() {
        return Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 1 << 20),
                Arbitraries.longs().between((1L << 32) - 2 * Salsa20Lanes.LANES - 2, (1L << 32) + 2));
    }

    /** As {@link #streamCounters}, and just below the 64-bit counter's wrap to 0, which the one-block core allows. */
    @Provide
    Arbitrary<Long> counters() {
        return Arbitraries.oneOf(streamCounters(), Arbitraries.longs().between(-Salsa20Lanes.LANES - 2, -1));
    }

    /** Lengths around the one-block path, the smallest batch, a full batch and several batches with a tail. */
    @Provide
    Arbitrary<Integer> lengths() {
        int batch = 64 * Salsa20Lanes.LANES;
        int smallest = 64 * XSalsa20.MIN_LANES;
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(smallest - 130, smallest + 130),
                Arbitraries.integers().between(batch - 130, batch + 130),
                Arbitraries.integers().between(2 * batch + smallest - 65, 3 * batch + 200));
    }
}
