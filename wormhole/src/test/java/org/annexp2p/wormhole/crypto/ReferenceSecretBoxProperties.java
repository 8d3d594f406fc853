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
 * Our XSalsa20-Poly1305 against BouncyCastle's primitives put together as NaCl does: the same bytes for every key,
 * nonce and length (block boundaries, a partial last Poly1305 block, messages that push the accumulator past p,
 * messages long enough for several of {@link Salsa20Lanes}' batches).
 */
class ReferenceSecretBoxProperties {

    @Property(tries = 300)
    void sealIsByteIdenticalToTheReference(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
                                           @ForAll("messages") byte[] plain) {
        assertThat(new SecretBox(key).seal(nonce, plain)).isEqualTo(referenceSeal(key, nonce, plain));
    }

    @Property(tries = 200)
    void openReadsTheReferencesBoxesAtAnyOffset(@ForAll @Size(32) byte[] key, @ForAll @Size(24) byte[] nonce,
                                                @ForAll("messages") byte[] plain, @ForAll @IntRange(max = 70) int offset)
            throws Exception {
        byte[] sealed = referenceSeal(key, nonce, plain);
        byte[] shifted = new byte[offset + sealed.length + 3];
        System.arraycopy(sealed, 0, shifted, offset, sealed.length);
        byte[] out = new byte[plain.length + offset];
        int n = new SecretBox(key).open(shifted, offset, sealed.length, out, offset);
        assertThat(n).isEqualTo(plain.length);
        assertThat(Arrays.copyOfRange(out, offset, offset + n)).isEqualTo(plain);
    }

    @Property(tries = 300)
    void poly1305MatchesTheReference(@ForAll("polyKeys") byte[] key, @ForAll("messages") byte[] message) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (int) XSalsa20.LE.get(key, 4 * i);
        }
        byte[] ours = new byte[16];
        Poly1305.tag(words, message, 0, message.length, ours, 0);
        org.bouncycastle.crypto.macs.Poly1305 mac = new org.bouncycastle.crypto.macs.Poly1305();
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] theirs = new byte[16];
        mac.doFinal(theirs, 0);
        assertThat(ours).isEqualTo(theirs);
    }

    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> saturated = Arbitraries.integers().between(0, 300).map(n -> filled(n, (byte) 0xff));
        Arbitrary<byte[]> large = Arbitraries.integers().between(0, 5000).map(n -> filled(n, (byte) n.intValue()));
        Arbitrary<byte[]> batches = Arbitraries.integers().between(0, 3 * 64 * Salsa20Lanes.LANES + 200).map(n -> {
            byte[] b = new byte[n];
            new java.util.Random(n).nextBytes(b);
            return b;
        });
        return Arbitraries.oneOf(random, saturated, large, batches);
    }

    @Provide
    Arbitrary<byte[]> polyKeys() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(32), Arbitraries.just(filled(32, (byte) 0xff)),
                Arbitraries.just(new byte[32]));
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    static byte[] referenceSeal(byte[] key, byte[] nonce, byte[] plain) {
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] polyKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, polyKey, 0);
        byte[] out = new byte[SecretBox.OVERHEAD + plain.length];
        System.arraycopy(nonce, 0, out, 0, SecretBox.NONCE_BYTES);
        stream.processBytes(plain, 0, plain.length, out, SecretBox.OVERHEAD);
        org.bouncycastle.crypto.macs.Poly1305 mac = new org.bouncycastle.crypto.macs.Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(out, SecretBox.OVERHEAD, plain.length);
        mac.doFinal(out, SecretBox.NONCE_BYTES);
        return out;
    }
}
