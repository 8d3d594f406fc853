package org.annexp2p.pairing.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.annexp2p.pairing.TestSecrets;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.wire.AuthenticatedFrame.Opened;
import org.annexp2p.pairing.wire.AuthenticatedFrame.Rejection;

class AuthenticatedFrameProperties {

    private static final byte[] MAGIC = {'T', 'E', 'S', 'T'};
    private final AuthenticatedFrame frame = new AuthenticatedFrame(MAGIC, 1, 512, SharedSecret.Purpose.DISCOVERY);

    @Property
    void sealedFieldsOpenToTheSameFields(@ForAll @Size(min = 1, max = 400) byte[] fields) throws WireFormatException {
        byte[] datagram = frame.seal(TestSecrets.GOOD, frame.start().raw(fields));
        Opened opened = frame.open(TestSecrets.GOOD, datagram);
        assertThat(opened).isInstanceOf(Opened.Authentic.class);
        WireReader reader = ((Opened.Authentic) opened).fields();
        assertThat(reader.raw("fields", fields.length)).isEqualTo(fields);
        reader.requireEnd("test frame");
    }

    @Property
    void anyFlippedBitIsRefused(@ForAll @Size(min = 1, max = 400) byte[] fields,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] datagram = frame.seal(TestSecrets.GOOD, frame.start().raw(fields));
        datagram[where % datagram.length] ^= (byte) (1 << bit);
        assertThat(frame.open(TestSecrets.GOOD, datagram)).isInstanceOf(Opened.Refused.class);
    }

    @Property(tries = 100)
    void anotherSecretIsABadMac(@ForAll @Size(min = 1, max = 400) byte[] fields) {
        byte[] datagram = frame.seal(TestSecrets.OTHER, frame.start().raw(fields));
        assertThat(rejection(frame.open(TestSecrets.GOOD, datagram))).isEqualTo(Rejection.BAD_MAC);
    }

    @Property(tries = 100)
    void aMacKeyedForAnotherPurposeIsABadMac(@ForAll @Size(min = 1, max = 400) byte[] fields) {
        // Same magic and secret, other purpose: one kind of datagram must never be replayed as another.
        AuthenticatedFrame other = new AuthenticatedFrame(MAGIC, 1, 512, SharedSecret.Purpose.CONVERSATION);
        byte[] datagram = other.seal(TestSecrets.GOOD, other.start().raw(fields));
        assertThat(rejection(frame.open(TestSecrets.GOOD, datagram))).isEqualTo(Rejection.BAD_MAC);
    }

    @Property(tries = 100)
    void garbageIsRefusedNeverAnException(@ForAll @Size(max = 1000) byte[] garbage) {
        assertThat(frame.open(TestSecrets.GOOD, garbage)).isInstanceOf(Opened.Refused.class);
    }

    @Property(tries = 30)
    void theChecksRunInOrderSizeMagicVersionLength(@ForAll @IntRange(min = 0, max = 255) int version) {
        assertThat(rejection(frame.open(TestSecrets.GOOD, new byte[513]))).isEqualTo(Rejection.TOO_LARGE);
        assertThat(rejection(frame.open(TestSecrets.GOOD, new byte[100]))).isEqualTo(Rejection.FOREIGN);
        byte[] headerOnly = {'T', 'E', 'S', 'T', (byte) version};
        assertThat(rejection(frame.open(TestSecrets.GOOD, headerOnly)))
                .isEqualTo(version == 1 ? Rejection.TOO_SHORT : Rejection.UNSUPPORTED_VERSION);
    }

    @Property(tries = 10)
    void theMagicIsCopiedSoACallerCannotChangeItLater(@ForAll @Size(min = 1, max = 50) byte[] fields) {
        byte[] magic = MAGIC.clone();
        AuthenticatedFrame own = new AuthenticatedFrame(magic, 1, 512, SharedSecret.Purpose.DISCOVERY);
        byte[] datagram = own.seal(TestSecrets.GOOD, own.start().raw(fields));
        magic[0] = 'X';
        assertThat(own.open(TestSecrets.GOOD, datagram)).isInstanceOf(Opened.Authentic.class);
    }

    private static Rejection rejection(Opened opened) {
        assertThat(opened).isInstanceOf(Opened.Refused.class);
        return ((Opened.Refused) opened).rejection();
    }
}
