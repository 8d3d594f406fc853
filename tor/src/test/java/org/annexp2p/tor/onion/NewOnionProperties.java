package org.annexp2p.tor.onion;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** The JDK's key pair, as {@link NewOnion} encodes it, is the one another ed25519 (BouncyCastle's) makes of the seed. */
class NewOnionProperties {

    @Provide
    Arbitrary<byte[]> seeds() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32);
    }

    @Property(tries = 300)
    void theAddressIsThatOfTheSeedsPublicKeyByAnotherEd25519(@ForAll("seeds") byte[] seed) {
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        NewOnion onion = NewOnion.generate(new SeedAsRandom(seed));
        assertThat(onion.address()).isEqualTo(OnionAddress.fromPublicKey(publicKey));
        assertThat(onion.key()).isEqualTo(OnionKey.fromSeed(seed));
    }
}
