package org.annexp2p.session.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.PeerFailure;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.network.NetworkServing;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.testkit.peers.StandInScript;
import org.annexp2p.testkit.peers.UnixSocketConnection;
import org.annexp2p.transports.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enabled network served as git-annex's remotedaemon serves it: its helper run with our address and the unix
 * socket, only that address's tokens accepted on the socket, and the helper and what it started gone once closed.
 */
@Timeout(120)
class ServeNetworksTest {
    private static final String ADDRESS = "p2p-annex::testnet:ours:1";

    @TempDir
    Path tmp;

    @Test
    void onlyTheAddressesTokensGetInAndClosingLeavesNoHelperBehind() throws Exception {
        AnnexRepository served = AnnexRepository.create(tmp.resolve("served"));
        TokenGenerator tokens = new TokenGenerator();
        AuthToken ours = tokens.generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        AuthToken plain = tokens.generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        AuthToken othernet = tokens.generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        served.creds().addOwnAddress(ADDRESS);
        served.creds().addOwnAddress("tor-annex::2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion:1");
        AddressTokens.accept(served.creds(), ours, ADDRESS);
        AddressTokens.accept(served.creds(), othernet, "p2p-annex::othernet:ours:1");
        served.creds().addAcceptedToken(plain);
        Path helpers = Files.createDirectories(tmp.resolve("helpers"));
        StandInScript.networkHelper(helpers, "testnet", "#!/bin/sh\n"
                + "echo \"$1 $2\" > '" + tmp.resolve("args") + "'\n"
                + "sleep 600 & echo $! > '" + tmp.resolve("child") + "'\nwait\n");
        Path socket = served.annexDir().resolve("p2p").resolve(HexFormat.of().formatHex(
                MessageDigest.getInstance("MD5").digest("testnet:ours:1".getBytes(StandardCharsets.UTF_8))));
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "left by a serve that was killed");

        List<String> notices = new ArrayList<>();
        ServeSetup setup = ServeSetup.of(served, ServerMode.READ_WRITE, ServeSetupTest.LIMITS, Transcript.NONE);
        assertThat(ServeSetup.enabledNetworks(served)).containsExactly(NetworkAddress.parse(ADDRESS));
        long helperPid;
        long childPid;
        try (setup) {
            NetworkServing network = setup.network(NetworkAddress.parse(ADDRESS), new HelperSearch(helpers.toString()),
                    notices::add);
            assertThat(network.socket()).isEqualTo("unix:" + socket);
            assertThat(setup.places()).containsExactly(ADDRESS);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
            assertThat(poll(tmp.resolve("args"))).as("as git-annex, the shorter path: from the repository, where the helper runs")
                    .isEqualTo("ours:1 .git/annex/p2p/" + socket.getFileName());
            childPid = Long.parseLong(poll(tmp.resolve("child")));
            helperPid = network.helperPid().orElseThrow();

            try (PeerSession session = open(socket, ours)) {
                assertThat(session.peer()).isEqualTo(served.uuid());
            }
            for (AuthToken refused : List.of(plain, othernet)) {
                assertThatThrownBy(() -> open(socket, refused).close()).isInstanceOf(PeerFailure.class)
                        .extracting(f -> ((PeerFailure) f).kind()).isEqualTo(PeerFailure.Kind.REFUSED);
            }
        }
        for (long pid : new long[] {helperPid, childPid}) {
            Optional<ProcessHandle> left = ProcessHandle.of(pid);
            if (left.isPresent()) {
                left.get().onExit().get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(socket).doesNotExist();
        assertThat(notices).as("a helper stopped by us is not reported as exiting").isEmpty();
    }

    @Test
    void aSocketAnotherServerAnswersOnIsNotTakenFromIt() throws Exception {
        AnnexRepository served = AnnexRepository.create(tmp.resolve("served"));
        Path helpers = Files.createDirectories(tmp.resolve("helpers"));
        StandInScript.networkHelper(helpers, "testnet", "#!/bin/sh\nexec sleep 600\n");
        try (ServeSetup first = ServeSetup.of(served, ServerMode.READ_WRITE, ServeSetupTest.LIMITS, Transcript.NONE);
                ServeSetup second = ServeSetup.of(served, ServerMode.READ_WRITE, ServeSetupTest.LIMITS, Transcript.NONE)) {
            first.network(NetworkAddress.parse(ADDRESS), new HelperSearch(helpers.toString()), s -> { });
            assertThatThrownBy(() -> second.network(NetworkAddress.parse(ADDRESS), new HelperSearch(helpers.toString()), s -> { }))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("another server is already listening on ");
            assertThatThrownBy(() -> second.network(NetworkAddress.parse("p2p-annex::nonet:x"), new HelperSearch(helpers.toString()), s -> { }))
                    .isInstanceOf(IOException.class).hasMessage("git-annex-p2p-nonet is not on PATH; install the nonet network's helper");
        }
    }

    private static String poll(Path file) throws InterruptedException, IOException {
        for (int i = 0; i < 1000; i++) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return text;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError(file + " never written");
    }

    private static PeerSession open(Path socket, AuthToken token) throws IOException {
        Connection connection = UnixSocketConnection.dial(socket);
        Dialed dialed = new Dialed(connection, new Greeting.Token(token), Optional.empty(), true);
        return PeerSession.open(dialed, new MemoryRepository(Uuid.random()), PeerSession.Options.DEFAULT);
    }
}
