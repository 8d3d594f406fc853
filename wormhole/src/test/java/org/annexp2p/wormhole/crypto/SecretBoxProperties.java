package org.annexp2p.wormhole.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class SecretBoxProperties {

    @Property(tries = 200)
    void sealThenOpenRoundTrips(@ForAll @Size(32) byte[] key, @ForAll @Size(max = 2000) byte[] plain) throws Exception {
        SecretBox box = new SecretBox(key);
        byte[] sealed = box.seal(plain);
        assertThat(sealed).hasSize(plain.length + SecretBox.OVERHEAD);
        assertThat(box.open(sealed)).isEqualTo(plain);
    }

    @Property(tries = 200)
    void garbageIsATypedError(@ForAll @Size(32) byte[] key, @ForAll @Size(max = 300) byte[] garbage) {
        assertThatThrownBy(() -> new SecretBox(key).open(garbage)).isInstanceOf(DecryptionException.class);
    }

    @Property(tries = 200)
    void anyFlippedBitIsDetected(@ForAll @Size(32) byte[] key, @ForAll @Size(min = 1, max = 100) byte[] plain,
                                 @ForAll int position) {
        SecretBox box = new SecretBox(key);
        byte[] sealed = box.seal(plain);
        int bit = Math.floorMod(position, sealed.length * 8);
        sealed[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThatThrownBy(() -> box.open(sealed)).isInstanceOf(DecryptionException.class);
    }
}
