package org.annexp2p.session.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.plugin.BadUsageException;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.testkit.peers.StandInScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkEnablingTest {
    @TempDir
    Path tmp;

    private AnnexRepository repo;
    private Path helpers;
    private NetworkEnabling enabling;

    @BeforeEach
    void setUp() throws IOException {
        repo = AnnexRepository.create(tmp.resolve("repo"));
        helpers = Files.createDirectories(tmp.resolve("helpers"));
        enabling = new NetworkEnabling(new HelperSearch(helpers.toString()), new TokenGenerator());
    }

    /** git-annex-p2p-NET, a shell script that answers {@code address} with {@code body}. */
    private void helper(String net, String body) throws IOException {
        StandInScript.networkHelper(helpers, net, "#!/bin/sh\n[ \"$1\" = address ] || exit 9\n" + body + "\n");
    }

    @Test
    void eachPrintedAddressIsRecordedWithItsOwnTokenForThatAddressOnly() throws IOException {
        helper("testnet", "echo 127.0.0.1:4000\necho\necho 'host:with:colons'");
        List<NetworkAddress> enabled = enabling.enable(repo, "testnet");

        assertThat(enabled).extracting(NetworkAddress::toString)
                .containsExactly("p2p-annex::testnet:127.0.0.1:4000", "p2p-annex::testnet:host:with:colons");
        assertThat(repo.creds().ownAddresses()).containsExactlyInAnyOrder(
                "p2p-annex::testnet:127.0.0.1:4000", "p2p-annex::testnet:host:with:colons");
        var first = AddressTokens.acceptedOn(repo.creds(), "p2p-annex::testnet:127.0.0.1:4000");
        var second = AddressTokens.acceptedOn(repo.creds(), "p2p-annex::testnet:host:with:colons");
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(repo.creds().acceptedTokens()).as("no token that opens other ways in").isEmpty();

        enabling.enable(repo, "testnet");
        assertThat(AddressTokens.acceptedOn(repo.creds(), "p2p-annex::testnet:127.0.0.1:4000"))
                .as("enabling again adds no token").isEqualTo(first);
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aHelperThatLeavesADaemonHoldingItsOutputIsDoneWhenItExits() throws Exception {
        // Setting the network up may start a daemon that inherits the helper's output; its exit still ends the query.
        Path daemon = tmp.resolve("daemon");
        helper("testnet", "echo 127.0.0.1:4000\nsleep 600 &\necho $! > '" + daemon + "'");
        try {
            assertThat(enabling.enable(repo, "testnet")).extracting(NetworkAddress::toString)
                    .containsExactly("p2p-annex::testnet:127.0.0.1:4000");
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(daemon).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aMissingHelperIsNamedWithHowToInstallIt() {
        assertFailsRecordingNothing("othernet", "git-annex-p2p-othernet is not on PATH; install the othernet network's helper");
    }

    @Test
    void aHelperThatFailsIsReportedWithTheLastLineItSaid() throws IOException {
        helper("testnet", "echo 127.0.0.1:4000\necho 'starting' >&2\nprintf 'no daemon \\033[2J running\\n\\n' >&2\nexit 3");
        assertFailsRecordingNothing("testnet", "git-annex-p2p-testnet address failed (exit code 3): no daemon ?[2J running");
    }

    @Test
    void aHelperThatPrintsNothingIsAnError() throws IOException {
        helper("testnet", "echo; echo");
        assertFailsRecordingNothing("testnet", "git-annex-p2p-testnet did not output any P2P addresses");
    }

    @Test
    void anAddressWithWhitespaceControlCharactersOrALeadingDashRecordsNothing() throws IOException {
        helper("testnet", "echo 127.0.0.1:4000\necho 'a b'");
        assertFailsRecordingNothing("testnet", "git-annex-p2p-testnet printed an address with whitespace in it");
        helper("testnet", "echo 127.0.0.1:4000\nprintf 'a\\033b\\n'");
        assertFailsRecordingNothing("testnet", "git-annex-p2p-testnet printed an address that cannot be used: "
                + "the testnet address has control characters in it");
        helper("testnet", "echo 127.0.0.1:4000\necho '--help'");
        assertFailsRecordingNothing("testnet", "git-annex-p2p-testnet printed an address that cannot be used: "
                + "the testnet address --help would be read as an option by its helper");
        helper("testnet", "echo address");
        assertFailsRecordingNothing("testnet", "git-annex-p2p-testnet printed an address that cannot be used: "
                + "the testnet address address would be read as an option by its helper");
    }

    @Test
    void aNetworkNameThatCannotNameAProgramIsAUsageError() throws IOException {
        for (String bad : List.of("../x", "a:b", "", "a b", "tor")) {
            assertThatThrownBy(() -> enabling.enable(repo, bad)).isInstanceOf(BadUsageException.class);
        }
        assertThat(repo.creds().ownAddresses()).isEmpty();
    }

    private void assertFailsRecordingNothing(String net, String message) {
        assertThatThrownBy(() -> enabling.enable(repo, net)).isInstanceOf(IOException.class).hasMessage(message);
        try {
            assertThat(repo.creds().ownAddresses()).isEmpty();
            assertThat(Files.exists(repo.gitDir().resolve("annex/creds/p2pauth"))).isFalse();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
