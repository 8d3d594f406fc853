package org.annexp2p.pairing.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.annexp2p.pairing.TestSecrets;

class AnnouncementCodecProperties {

    private final AnnouncementCodec codec = new AnnouncementCodec(TestSecrets.GOOD);

    @Property
    void everyAnnouncementRoundTripsAndFitsInOneKibibyte(@ForAll("announcements") Announcement a) {
        byte[] bytes = codec.encode(a);
        assertThat(bytes.length).isLessThan(AnnouncementCodec.MAX_SIZE);
        assertThat(codec.decode(bytes)).isEqualTo(new Verdict.Accepted(a));
    }

    @Property
    void garbageIsRefusedWithAReasonNeverAnException(@ForAll @Size(max = 2048) byte[] garbage) {
        assertThat(codec.decode(garbage)).isInstanceOf(Verdict.Refused.class);
    }

    @Property
    void garbageAfterOurMagicAndVersionIsRefusedToo(@ForAll @Size(max = 200) byte[] tail) {
        byte[] bytes = new byte[5 + tail.length];
        System.arraycopy(AnnouncementCodec.MAGIC, 0, bytes, 0, 4);
        bytes[4] = AnnouncementCodec.VERSION;
        System.arraycopy(tail, 0, bytes, 5, tail.length);
        Verdict v = codec.decode(bytes);
        assertThat(v).isInstanceOf(Verdict.Refused.class);
        assertThat(((Verdict.Refused) v).reason()).isIn(Refusal.MALFORMED, Refusal.BAD_MAC);
    }

    @Property
    void anyFlippedBitIsRefused(@ForAll("announcements") Announcement a, @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = codec.encode(a);
        bytes[where % bytes.length] ^= (byte) (1 << bit);
        assertThat(codec.decode(bytes)).isInstanceOf(Verdict.Refused.class);
    }

    @Property(tries = 50)
    void aDifferentSecretIsRefusedAsBadMac(@ForAll("announcements") Announcement a) {
        byte[] forged = new AnnouncementCodec(TestSecrets.OTHER).encode(a);
        assertThat(codec.decode(forged)).isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.BAD_MAC));
    }

    @Property(tries = 50)
    void oversizedDatagramsAreRefusedBeforeAnyCryptography(@ForAll @IntRange(min = AnnouncementCodec.MAX_SIZE + 1, max = 70_000) int size) {
        assertThat(codec.decode(new byte[size])).isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.TOO_LARGE));
    }

    @Property(tries = 50)
    void anotherVersionIsRefusedByName(@ForAll("announcements") Announcement a, @ForAll @IntRange(min = 2, max = 255) int version) {
        byte[] bytes = codec.encode(a);
        bytes[4] = (byte) version;
        assertThat(codec.decode(bytes)).isInstanceOfSatisfying(Verdict.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(Refusal.UNSUPPORTED_VERSION);
            assertThat(r.describe()).contains("version " + version);
        });
    }

    @Property(tries = 100)
    void aReplayedAnnouncementIsRefusedAndAStaleOneToo(@ForAll("announcements") Announcement a, @ForAll @IntRange(min = 31, max = 100_000) int secondsOff) {
        Clock atSend = Clock.fixed(Instant.ofEpochMilli(a.timestampMillis()), ZoneOffset.UTC);
        AnnouncementFilter filter = new AnnouncementFilter(codec, new ReplayGuard(atSend));
        byte[] bytes = codec.encode(a);
        assertThat(filter.accept(bytes)).isEqualTo(new Verdict.Accepted(a));
        assertThat(filter.accept(bytes)).isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.REPLAYED));

        Clock later = Clock.offset(atSend, Duration.ofSeconds(secondsOff));
        AnnouncementFilter fresh = new AnnouncementFilter(codec, new ReplayGuard(later));
        assertThat(fresh.accept(bytes)).isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.reason()).isEqualTo(Refusal.STALE));
    }

    @Provide
    Arbitrary<Announcement> announcements() {
        Arbitrary<DeviceId> devices = Arbitraries.randomValue(r -> new DeviceId(new UUID(r.nextLong(), r.nextLong())));
        Arbitrary<UUID> repos = Arbitraries.randomValue(r -> new UUID(r.nextLong(), r.nextLong()));
        Arbitrary<Nonce> nonces = Arbitraries.bytes().array(byte[].class).ofSize(16).map(Nonce::new);
        Arbitrary<Integer> ports = Arbitraries.integers().between(1, 65535);
        Arbitrary<Long> longs = Arbitraries.longs();
        Arbitrary<Long> times = Arbitraries.longs().between(0, 4_000_000_000_000L);
        Arbitrary<Announcement> presence = Combinators.combine(devices, ports, longs, nonces, times).as(Announcement.Presence::new);
        Arbitrary<Announcement> whereIs = Combinators.combine(devices, repos, nonces, times).as(Announcement.WhereIs::new);
        Arbitrary<Announcement> hereIs = Combinators.combine(devices, repos, ports, longs, nonces, times).as(Announcement.HereIs::new);
        return Arbitraries.oneOf(presence, whereIs, hereIs);
    }
}
