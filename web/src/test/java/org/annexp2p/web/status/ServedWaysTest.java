package org.annexp2p.web.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.RepositoryChoice;
import org.annexp2p.http.server.ServerSettings;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.serve.ServeLimits;
import org.annexp2p.session.serve.ServeSetup;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.web.PageClient;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.web.reach.HttpReach;
import org.annexp2p.web.reach.Reach;
import org.annexp2p.web.server.PageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What running servers serve, as the page lists it from their record, checked for real; nothing else is dialled. */
class ServedWaysTest {

    @Test
    void listsAndChecksWhatRunningServersServeAndNothingElse(@TempDir Path tmp) throws Exception {
        TemporaryRepository made = TemporaryRepository.annex(tmp.resolve("repo"), "the laptop");
        AnnexRepository repository = AnnexRepository.open(made.dir());
        repository.creds().addAcceptedToken(new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH));
        ServerSettings.Plan plan = new ServerSettings(Option.some("127.0.0.1"), 0, Option.none(),
                new ServerSettings.HttpsIdentityFiles(Option.none(), Option.none(), Option.none()),
                new ServerSettings.Access(false, false, false, false, false, false), 10).plan(Map.of());
        RepositoryChoice choice = RepositoryChoice.open(made.dir(), List.of());
        ServeSetup setup = ServeSetup.of(repository, ServerMode.READ_ONLY, new ServeLimits(4, OptionalInt.empty(), 4,
                Duration.ofSeconds(30)), Transcript.NONE);
        try (RunningUi ui = PageServer.start(UiSettings.loopback(made.dir()), context -> List.of(new StatusSection(context, Reach.standard())));
                P2pHttpServer http = P2pHttpServer.start(plan.server(), choice.served());
                AutoCloseable recorded = choice.record(plan, http);
                ServerSocket elsewhere = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PageClient page = new PageClient(ui);
            String httpAddress = "annex+http://127.0.0.1:" + http.address().getPort() + "/git-annex/" + made.uuid();
            String tcpAddress;
            try (setup) {
                ConnectionServer tcp = setup.listen(setup.plugins(0), ListenPlan.choose("127.0.0.1:0"), line -> { });
                tcpAddress = "tcp://" + tcp.address();
                JsonNode ways = page.get("status/running").json().get("ways");
                assertThat(ways.findValuesAsText("address")).containsExactlyInAnyOrder(httpAddress, tcpAddress);
                assertThat(ways.findValuesAsText("how")).containsExactlyInAnyOrder("HTTP (p2phttp)", "TCP");
                assertThat(ways.findValues("pid")).extracting(JsonNode::asLong).containsOnly(ProcessHandle.current().pid());

                JsonNode tcpCheck = page.post("status/check-way", Map.of("address", tcpAddress)).json();
                assertThat(tcpCheck.get("reachable").asBoolean()).isTrue();
                assertThat(tcpCheck.get("words").asText()).contains(made.uuid());
                // Every request is refused by this server's options, yet it answers for our UUID (asking for a login).
                JsonNode httpCheck = page.post("status/check-way", Map.of("address", httpAddress)).json();
                assertThat(httpCheck.get("reachable").asBoolean()).isTrue();
                assertThat(httpCheck.get("words").asText()).contains(made.uuid());

                String notServed = "tcp://127.0.0.1:" + elsewhere.getLocalPort();
                PageClient.Answer refused = page.post("status/check-way", Map.of("address", notServed));
                assertThat(refused.status()).isEqualTo(404);
                elsewhere.setSoTimeout(300);
                assertThatThrownBy(elsewhere::accept).isInstanceOf(SocketTimeoutException.class);
            }
            JsonNode left = page.get("status/running").json().get("ways");
            assertThat(left.findValuesAsText("address")).containsExactly(httpAddress);
            assertThat(page.post("status/check-way", Map.of("address", tcpAddress)).status()).isEqualTo(404);
        }
        assertThat(ServedWays.rows(repository)).isEmpty();
    }

    @Test
    void anHttpServerThatDoesNotServeThisRepositoryIsNotReachableForIt(@TempDir Path tmp) throws Exception {
        TemporaryRepository ours = TemporaryRepository.annex(tmp.resolve("ours"), "ours");
        TemporaryRepository theirs = TemporaryRepository.annex(tmp.resolve("theirs"), "theirs");
        ServerSettings.Plan plan = new ServerSettings(Option.some("127.0.0.1"), 0, Option.none(),
                new ServerSettings.HttpsIdentityFiles(Option.none(), Option.none(), Option.none()),
                new ServerSettings.Access(false, false, true, false, false, false), 10).plan(Map.of());
        try (P2pHttpServer http = P2pHttpServer.start(plan.server(), RepositoryChoice.open(theirs.dir(), List.of()).served())) {
            String base = "annex+http://127.0.0.1:" + http.address().getPort() + "/git-annex/";
            org.annexp2p.protocol.wire.Uuid ourUuid = AnnexRepository.open(ours.dir()).uuid();
            HttpReach reach = Reach.standard().http();
            Reach.Result notServed = reach.check(base + ours.uuid(), ourUuid, Duration.ofSeconds(10));
            assertThat(notServed.reachable()).isFalse();
            assertThat(notServed.words()).contains("404").contains(ours.uuid());
            Reach.Result another = reach.check(base + theirs.uuid(), ourUuid, Duration.ofSeconds(10));
            assertThat(another.reachable()).isFalse();
            assertThat(another.words()).contains("another repository");
        }
    }
}
