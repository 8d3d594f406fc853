package org.annexp2p.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LaunchTokensTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aLaunchTokenIsSpentOnce() {
        LaunchTokens launches = new LaunchTokens(clock);
        String token = launches.issue();
        assertThat(launches.spend("x" + token)).isFalse();
        assertThat(launches.spend(token)).isTrue();
        assertThat(launches.spend(token)).isFalse();
    }

    @Test
    void anExpiredLaunchTokenGrantsNothing() {
        LaunchTokens launches = new LaunchTokens(clock);
        String token = launches.issue();
        now = now.plus(LaunchTokens.LIFETIME).plus(Duration.ofSeconds(1));
        assertThat(launches.spend(token)).isFalse();
    }

    @Test
    void aTokenStillWithinItsLifetimeWorks() {
        LaunchTokens launches = new LaunchTokens(clock);
        String token = launches.issue();
        now = now.plus(LaunchTokens.LIFETIME).minusSeconds(1);
        assertThat(launches.spend(token)).isTrue();
    }

    @Test
    void nothingIsNoToken() {
        assertThat(new LaunchTokens(clock).spend(null)).isFalse();
    }
}
