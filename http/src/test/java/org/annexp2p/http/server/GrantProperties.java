package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.annexp2p.http.wire.Access;
import org.annexp2p.protocol.conversation.ServerMode;

/** Whatever the options and credentials, a request never gets more than they grant, and is told the right refusal. */
class GrantProperties {
    private static final Users USERS = Users.fromEnvironment(Map.of("GIT_ANNEX_P2PHTTP_PASSWORD_u", "pw",
            "GIT_ANNEX_P2PHTTP_PASSWORD_r", "pw", "GIT_ANNEX_P2PHTTP_PERMISSIONS_r", "readonly"));

    private static boolean permits(ServerMode mode, Access access) {
        return switch (mode) {
            case READ_WRITE -> true;
            case APPEND_ONLY -> access != Access.REMOVE;
            case READ_ONLY -> access == Access.READ;
        };
    }

    @Property
    void nothingBeyondTheGrant(@ForAll("modes") Option<ServerMode> unauthenticated, @ForAll boolean locking, @ForAll boolean authEnv,
            @ForAll boolean authEnvHttp, @ForAll boolean secure, @ForAll("credentials") Option<String> credentials,
            @ForAll Access access) {
        AuthPolicy policy = new AuthPolicy(unauthenticated, locking, authEnv, authEnvHttp, USERS);
        Grant grant = policy.grant(secure, credentials);
        var allowed = grant.allow(access);
        if (grant instanceof Grant.LogInFirst) {
            assertThat(allowed.getLeft().status()).isEqualTo(401);
            assertThat(unauthenticated).isEmpty();
            return;
        }
        Grant.Mode mode = (Grant.Mode) grant;
        boolean lockAnyway = access == Access.LOCK && mode.unauthenticatedLocking();
        assertThat(allowed.isRight()).isEqualTo(permits(mode.mode(), access) || lockAnyway);
        allowed.forEach(m -> assertThat(permits(m, access) || lockAnyway && m == ServerMode.READ_ONLY).isTrue());
        allowed.peekLeft(r -> assertThat(r.status()).isEqualTo(mode.authenticationAllowed() ? 401 : 403));
        boolean checked = secure ? authEnv || authEnvHttp : authEnvHttp;
        if (!checked) {
            assertThat(mode.mode()).as("credentials not checked count as none").isEqualTo(unauthenticated.get());
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Option<ServerMode>> modes() {
        return net.jqwik.api.Arbitraries.of(ServerMode.class).injectNull(0.25).map(Option::of);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Option<String>> credentials() {
        return net.jqwik.api.Arbitraries.of(Option.none(), Option.some(ServerFixture.basic("u", "pw")),
                Option.some(ServerFixture.basic("r", "pw")), Option.some(ServerFixture.basic("u", "wrong")),
                Option.some(ServerFixture.basic("nobody", "pw")), Option.some("Basic %%%"), Option.some("Digest x"));
    }
}
