package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.annexp2p.protocol.conversation.ServerMode;
import org.junit.jupiter.api.Test;

/**
 * git annex p2phttp listens on every address even over plain HTTP; ours does that only with HTTPS (or when --bind
 * says so, with a warning), so a plain server is not on the network by accident. The options' other choices are
 * made here too, each refusal and notice in one line.
 */
class ServerSettingsTest {
    private static final ServerSettings.HttpsIdentityFiles PLAIN =
            new ServerSettings.HttpsIdentityFiles(Option.none(), Option.none(), Option.none());
    private static final ServerSettings.Access READ_ONLY =
            new ServerSettings.Access(false, false, true, false, false, false);

    private static ServerSettings settings(Option<String> bind, ServerSettings.HttpsIdentityFiles https, ServerSettings.Access access) {
        return new ServerSettings(bind, 0, Option.none(), https, access, 100);
    }

    @Test
    void plainHttpListensOnLoopbackUnlessBindSaysOtherwise() {
        assertThat(ServerSettings.listenAddress(Option.none(), false)).isEqualTo("127.0.0.1");
        assertThat(ServerSettings.isLoopback(ServerSettings.listenAddress(Option.none(), false))).isTrue();
        assertThat(ServerSettings.listenAddress(Option.some("0.0.0.0"), false)).isEqualTo("0.0.0.0");
        assertThat(settings(Option.none(), PLAIN, READ_ONLY).plan(Map.of()).server().bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void httpsListensEverywhereAsUpstreamDoes() {
        assertThat(ServerSettings.listenAddress(Option.none(), true)).isEqualTo(P2pHttpServer.ALL);
    }

    @Test
    void onlyLoopbackAddressesCountAsLoopback() {
        assertThat(ServerSettings.isLoopback("::1")).isTrue();
        assertThat(ServerSettings.isLoopback("0.0.0.0")).isFalse();
        assertThat(ServerSettings.isLoopback(P2pHttpServer.ALL)).isFalse();
        assertThat(ServerSettings.isLoopback("192.0.2.7")).isFalse();
    }

    @Test
    void plainHttpOnANetworkAddressIsServedWithAWarning() {
        ServerSettings.Plan plan = settings(Option.some("0.0.0.0"), PLAIN, READ_ONLY).plan(Map.of());
        assertThat(plan.server().bind()).isEqualTo("0.0.0.0");
        assertThat(plan.notices()).singleElement().asString().startsWith("warning: serving plain HTTP on 0.0.0.0:");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedInOneLine() {
        ServerSettings.HttpsIdentityFiles half = new ServerSettings.HttpsIdentityFiles(Option.some(Path.of("c.pem")),
                Option.none(), Option.none());
        assertThatThrownBy(() -> settings(Option.none(), half, READ_ONLY).plan(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\n")
                .hasMessageContaining("both --certfile and --privatekeyfile");
    }

    @Test
    void aUnixSocketIsListenedOnInsteadOfBindAndPortWithoutAPlaintextWarning() {
        ServerSettings.Plan plan = new ServerSettings(Option.some("0.0.0.0"), 0, Option.some(Path.of("/run/a.sock")), PLAIN,
                READ_ONLY, 100).plan(Map.of());
        assertThat(plan.server().socket()).contains(Path.of("/run/a.sock"));
        assertThat(plan.notices()).isEmpty();
        assertThat(plan.location(java.net.UnixDomainSocketAddress.of("/run/a.sock")))
                .isEqualTo("unix socket /run/a.sock (http to /git-annex/, for a proxy to forward annex+http to)");
    }

    @Test
    void noAccessOptionRefusesEveryRequestAndSaysSo() {
        ServerSettings.Plan plan = settings(Option.none(), PLAIN, new ServerSettings.Access(false, false, false, false, false, false))
                .plan(Map.of());
        assertThat(plan.server().policy().grant(false, Option.none())).isInstanceOf(Grant.LogInFirst.class);
        assertThat(plan.notices()).singleElement().asString().startsWith("note: every request will be refused");
    }

    @Test
    void authEnvTakesUsersFromTheEnvironmentAndNotesPlainHttp() {
        ServerSettings.Access authEnv = new ServerSettings.Access(true, false, false, false, false, false);
        ServerSettings.Plan none = settings(Option.none(), PLAIN, authEnv).plan(Map.of());
        assertThat(none.notices()).hasSize(2).anyMatch(n -> n.contains("nobody can log in"))
                .anyMatch(n -> n.contains("HTTPS only"));
        ServerSettings.Access authEnvHttp = new ServerSettings.Access(false, true, false, false, false, false);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ann:pw".getBytes());
        ServerSettings.Plan plan = settings(Option.none(), PLAIN, authEnvHttp).plan(Map.of("GIT_ANNEX_P2PHTTP_PASSWORD_ann", "pw"));
        assertThat(plan.notices()).isEmpty();
        assertThat(plan.server().policy().grant(false, Option.some(basic)))
                .isEqualTo(new Grant.Mode(ServerMode.READ_WRITE, false, false));
    }

    @Test
    void locationBracketsAnIpv6Host() throws Exception {
        ServerSettings.Plan plan = settings(Option.none(), PLAIN, READ_ONLY).plan(Map.of());
        assertThat(plan.location(new InetSocketAddress(InetAddress.getByName("::1"), 9417)))
                .isEqualTo("http://[0:0:0:0:0:0:0:1]:9417/git-annex/ (annex+http)");
    }
}
