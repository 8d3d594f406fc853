package org.annexp2p.session.plugin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.testkit.peers.StandInScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which token a p2p-annex:: dial presents, and the one line said when the network's helper is missing. */
class NetworkPluginTest {
    @TempDir
    Path tmp;

    @Test
    void theTokenIsTheOneStoredUnderGitAnnexsNameForThatAddress() throws Exception {
        AnnexRepository repo = AnnexRepository.create(tmp.resolve("repo"));
        NetworkAddress address = NetworkAddress.parse("p2p-annex::testnet:127.0.0.1:4242");
        AuthToken token = AuthToken.parse("abcdefghij0123456789").get();
        repo.creds().file("testnet%3A127%2E0%2E0%2E1%3A4242").writeText(token.reveal() + "\n");

        assertThat(NetworkPlugin.stored(repo, address)).contains(token);
        assertThat(NetworkPlugin.stored(repo, NetworkAddress.parse("p2p-annex::othernet:127.0.0.1:4242")))
                .as("another network's token is another file").isEmpty();
    }

    @Test
    void aMissingHelperIsNamedWithHowToGetIt() throws Exception {
        AnnexRepository repo = AnnexRepository.create(tmp.resolve("repo"));
        repo.creds().file(CredsDir.escapedName("nowhere:peer")).writeText("abcdefghij0123456789");
        NetworkPlugin plugin = new NetworkPlugin(new HelperSearch(tmp.toString()));

        assertThatThrownBy(() -> plugin.dial(plugin.parse("p2p-annex::nowhere:peer"), Dialing.quietly(repo)))
                .isInstanceOf(IOException.class)
                .hasMessage("git-annex-p2p-nowhere is not on PATH; install the nowhere network's helper");
    }

    @Test
    void withoutAnyTokenNothingIsRun() throws Exception {
        AnnexRepository repo = AnnexRepository.create(tmp.resolve("repo"));
        Path ran = tmp.resolve("ran");
        StandInScript.networkHelper(tmp, "testnet", "#!/bin/sh\ntouch '" + ran + "'\n");
        NetworkPlugin plugin = new NetworkPlugin(new HelperSearch(tmp.toString()));

        assertThatThrownBy(() -> plugin.dial(plugin.parse("p2p-annex::testnet:peer"), Dialing.quietly(repo)))
                .isInstanceOf(BadUsageException.class).hasMessageStartingWith("no auth token for p2p-annex::testnet:peer");
        assertThat(ran).doesNotExist();
    }

    @Test
    void theHelperRunsInTheRepositoryAsGitAnnexRunsIt() throws Exception {
        AnnexRepository repo = AnnexRepository.create(tmp.resolve("repo"));
        Path ran = tmp.resolve("ran");
        StandInScript.networkHelper(tmp, "testnet", "#!/bin/sh\npwd > '" + ran + "'\n");
        NetworkPlugin plugin = new NetworkPlugin(new HelperSearch(tmp.toString()));

        Dialing dialing = new Dialing(repo, org.annexp2p.session.plugin.GivenToken.of("abcdefghij0123456789"),
                java.util.Optional.empty(), n -> { }, false);
        try (var dialed = plugin.dial(plugin.parse("p2p-annex::testnet:peer"), dialing).connection()) {
            assertThat(dialed.input().read()).as("the helper said nothing and exited").isEqualTo(-1);
        }
        assertThat(Files.readString(ran).strip()).isEqualTo(repo.top().toRealPath().toString());
    }
}
