package org.annexp2p.session.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a front end gets from a plan: each step said as it happens, the banner to show once stoppable, or one failure. */
@Timeout(60)
class ServePlanTest {
    @TempDir
    Path tmp;

    @Test
    void aLoopbackListenerIsServedAndTheBannerNamesItsAddress() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("served"));
        ServePlan plan = new ServePlan(Optional.of("127.0.0.1:0"), Optional.empty(), 0, Optional.empty(), List.of());
        List<String> said = new ArrayList<>();
        try (ServeSetup setup = ServeSetup.of(repository, ServerMode.READ_ONLY, ServeSetupTest.LIMITS, Transcript.NONE)) {
            List<String> banner = plan.start(setup, null, said::add);
            assertThat(setup.places()).hasSize(1);
            assertThat(banner).containsExactly("serving " + repository.uuid() + " (read-only) on " + setup.places().get(0));
            assertThat(setup.places().get(0)).startsWith("tcp://127.0.0.1:");
        }
        assertThat(said).isEmpty();
    }

    @Test
    void withoutListenersOrAnEnabledNetworkThereIsNothingToServe() throws Exception {
        NetworkAddress network = NetworkAddress.parse("p2p-annex::nosuchnet-annexp2ptest:ours:1");
        assertThat(new ServePlan(Optional.empty(), Optional.empty(), 0, Optional.empty(), List.of()).servesNothing()).isTrue();
        assertThat(new ServePlan(Optional.empty(), Optional.empty(), 0, Optional.empty(), List.of(network)).servesNothing())
                .isFalse();
        assertThat(new ServePlan(Optional.empty(), Optional.of("127.0.0.1:0"), 0, Optional.empty(), List.of()).servesNothing())
                .isFalse();
        assertThat(ServePlan.networksEnabledAt(tmp.resolve("not-a-repository"))).isEmpty();
    }

    @Test
    void withoutListenersANetworkThatCannotBeServedIsSaidAndNothingServedFails() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("served"));
        NetworkAddress network = NetworkAddress.parse("p2p-annex::nosuchnet-annexp2ptest:ours:1");
        ServePlan plan = new ServePlan(Optional.empty(), Optional.empty(), 0, Optional.empty(), List.of(network));
        assertThat(plan.listens()).isFalse();
        List<String> said = new ArrayList<>();
        try (ServeSetup setup = ServeSetup.of(repository, ServerMode.READ_WRITE, ServeSetupTest.LIMITS, Transcript.NONE)) {
            assertThatThrownBy(() -> plan.start(setup, null, said::add)).isInstanceOf(IOException.class)
                    .hasMessage("no enabled network could be served");
        }
        assertThat(said).singleElement().asString().startsWith("annex-p2p: unable to serve the nosuchnet-annexp2ptest network: ");
    }
}
