package org.annexp2p.pairing.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void capacityBoundsMemoryButRecentNoncesAreStillRefused() {
        ReplayGuard guard = new ReplayGuard(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30), 4);
        DeviceId device = DeviceId.random();
        Announcement first = new Announcement.Presence(device, 1, 1, Nonce.random(), NOW.toEpochMilli());
        assertThat(guard.check(first)).isInstanceOf(Verdict.Accepted.class);
        for (int i = 0; i < 3; i++) {
            assertThat(guard.check(new Announcement.Presence(device, 1, 1, Nonce.random(), NOW.toEpochMilli()))).isInstanceOf(Verdict.Accepted.class);
        }
        assertThat(guard.check(first)).isInstanceOf(Verdict.Refused.class);
    }

    @Test
    void aTimestampInTheFutureBeyondTheWindowIsStaleAndSaysSo() {
        ReplayGuard guard = new ReplayGuard(Clock.fixed(NOW, ZoneOffset.UTC));
        Verdict v = guard.check(new Announcement.Presence(DeviceId.random(), 1, 1, Nonce.random(), NOW.plusSeconds(90).toEpochMilli()));
        assertThat(v).isInstanceOfSatisfying(Verdict.Refused.class, r -> assertThat(r.describe()).contains("90 s in the future"));
    }
}
