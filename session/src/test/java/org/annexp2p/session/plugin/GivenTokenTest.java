package org.annexp2p.session.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.util.Optional;
import org.annexp2p.protocol.wire.AuthToken;
import org.junit.jupiter.api.Test;

/** Which token a dial presents: --token, else the environment, else the stored one; without any, the user learns where one comes from. */
class GivenTokenTest {
    static final AuthToken STORED = AuthToken.parse("stored").get();

    @Test
    void withoutAnyTokenNoneIsSentAndTheUserLearnsWhereOneComesFrom() {
        assertThatThrownBy(() -> GivenToken.NONE.resolve("tcp://127.0.0.1:4242", Option.none()))
                .isInstanceOf(BadUsageException.class)
                .hasMessage("no auth token for tcp://127.0.0.1:4242: set GIT_ANNEX_P2P_AUTHTOKEN (from the server's "
                        + "`annex-p2p token`), or pass --token");
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheStoredToken() {
        assertThat(new GivenToken(Optional.of("opt"), Optional.of("env")).resolve("x", Option.some(STORED)))
                .isEqualTo(AuthToken.parse("opt").get());
        assertThat(new GivenToken(Optional.empty(), Optional.of(" env\n")).resolve("x", Option.some(STORED)))
                .isEqualTo(AuthToken.parse("env").get());
        assertThat(GivenToken.NONE.resolve("x", Option.some(STORED))).isEqualTo(STORED);
    }

    @Test
    void aTokenThatIsNotOneIsBadUsage() {
        assertThatThrownBy(() -> new GivenToken(Optional.of("no-dashes"), Optional.empty()).resolve("x", Option.none()))
                .isInstanceOf(BadUsageException.class).hasMessage("an auth token has only letters and digits");
        assertThatThrownBy(() -> new GivenToken(Optional.of("a b"), Optional.empty()).fromOption())
                .isInstanceOf(BadUsageException.class);
    }

    @Test
    void theOptionAloneIgnoresTheEnvironment() {
        assertThat(new GivenToken(Optional.empty(), Optional.of("env")).fromOption()).isEmpty();
        assertThat(new GivenToken(Optional.of("opt"), Optional.empty()).fromOption()).contains(AuthToken.parse("opt").get());
    }
}
