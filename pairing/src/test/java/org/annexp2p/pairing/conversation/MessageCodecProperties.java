package org.annexp2p.pairing.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.annexp2p.pairing.TestSecrets;

class MessageCodecProperties {

    private final MessageCodec codec = new MessageCodec(TestSecrets.GOOD);

    @Property
    void everyMessageRoundTripsWithinOneDatagram(@ForAll("messages") PairMessage m) {
        byte[] bytes = codec.encode(m);
        assertThat(bytes.length).isLessThanOrEqualTo(MessageCodec.MAX_SIZE);
        assertThat(codec.decode(bytes)).isEqualTo(new MessageCodec.Decoded.Valid(m));
    }

    @Property
    void garbageIsInvalidNeverAnException(@ForAll @Size(max = 3000) byte[] garbage) {
        assertThat(codec.decode(garbage)).isInstanceOf(MessageCodec.Decoded.Invalid.class);
    }

    @Property
    void anyFlippedBitIsRefused(@ForAll("messages") PairMessage m, @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = codec.encode(m);
        bytes[where % bytes.length] ^= (byte) (1 << bit);
        assertThat(codec.decode(bytes)).isInstanceOf(MessageCodec.Decoded.Invalid.class);
    }

    @Property(tries = 100)
    void aMessageMadeWithAnotherSecretIsABadMac(@ForAll("messages") PairMessage m) {
        byte[] forged = new MessageCodec(TestSecrets.OTHER).encode(m);
        assertThat(codec.decode(forged)).isInstanceOfSatisfying(MessageCodec.Decoded.Invalid.class,
                i -> assertThat(i.problem()).isEqualTo(MessageCodec.Problem.BAD_MAC));
    }

    @Property(tries = 30)
    void oversizedDatagramsAreRefused(@ForAll @IntRange(min = MessageCodec.MAX_SIZE + 1, max = 70_000) int size) {
        assertThat(codec.decode(new byte[size])).isInstanceOfSatisfying(MessageCodec.Decoded.Invalid.class,
                i -> assertThat(i.problem()).isEqualTo(MessageCodec.Problem.TOO_LARGE));
    }

    @Provide
    Arbitrary<PairMessage> messages() {
        return PairArbitraries.messages();
    }
}
