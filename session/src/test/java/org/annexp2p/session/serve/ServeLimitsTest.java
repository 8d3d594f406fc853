package org.annexp2p.session.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.OptionalInt;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.transports.ServerOptions;
import org.junit.jupiter.api.Test;

/** serve's limits: each bad value refused as bad usage in the option's words; good ones reach the server as given. */
class ServeLimitsTest {
    static final Duration HALF_MINUTE = Duration.ofSeconds(30);

    @Test
    void badValuesAreBadUsageNamingTheirOption() {
        assertThatThrownBy(() -> new ServeLimits(0, OptionalInt.empty(), 8, HALF_MINUTE))
                .isInstanceOf(BadUsageException.class).hasMessage("--max-connections must be at least 1");
        assertThatThrownBy(() -> new ServeLimits(1, OptionalInt.of(0), 8, HALF_MINUTE))
                .isInstanceOf(BadUsageException.class).hasMessage("--max-unauthenticated must be at least 1");
        assertThatThrownBy(() -> new ServeLimits(1, OptionalInt.empty(), 0, HALF_MINUTE))
                .isInstanceOf(BadUsageException.class).hasMessage("--max-unauthenticated-per-address must be at least 1");
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofMillis(999), Duration.ofSeconds(86_401), Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> new ServeLimits(1, OptionalInt.empty(), 1, d)).as("%s", d)
                    .isInstanceOf(BadUsageException.class).hasMessage("--auth-timeout must be from 1 to 86400 seconds");
        }
    }

    @Test
    void theEdgesAreAllowed() {
        new ServeLimits(1, OptionalInt.of(1), 1, Duration.ofSeconds(1));
        new ServeLimits(1, OptionalInt.empty(), 1, Duration.ofSeconds(86_400));
    }

    @Test
    void unauthenticatedPeersDefaultToAsManyAsAuthenticatedOnes() {
        ServerOptions defaulted = new ServeLimits(7, OptionalInt.empty(), 3, HALF_MINUTE).serverOptions();
        assertThat(defaulted.maxConnections()).isEqualTo(7);
        assertThat(defaulted.preAuth().maxConnections()).isEqualTo(7);
        assertThat(defaulted.preAuth().maxPerAddress()).isEqualTo(3);
        assertThat(defaulted.preAuth().deadline()).isEqualTo(HALF_MINUTE);

        ServerOptions given = new ServeLimits(7, OptionalInt.of(2), 3, Duration.ofSeconds(5)).serverOptions();
        assertThat(given.maxConnections()).isEqualTo(7);
        assertThat(given.preAuth().maxConnections()).isEqualTo(2);
        assertThat(given.preAuth().deadline()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new String(given.refusal(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("ERROR too many connections");
    }
}
