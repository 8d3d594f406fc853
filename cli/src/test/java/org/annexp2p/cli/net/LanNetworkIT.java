package org.annexp2p.cli.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.lan.LanPeer;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.peers.StandInScript;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own network helper, {@code git-annex-p2p-lan}, as git-annex would use it, on loopback only: two repositories
 * paired for the LAN, {@code p2p --enable lan} and {@code serve} on one, put and get from the other through
 * {@code p2p-annex::lan:127.0.0.1:PORT}; a repository never paired is refused in one line.
 */
@Timeout(300)
class LanNetworkIT {
    @TempDir
    Path tmp;

    @Test
    void aPairedRepositoryPutsAndGetsThroughGitAnnexP2pLan() throws Exception {
        GitAnnex.requireInstalled();
        Path serverDir = GitAnnex.initRepo(tmp.resolve("server"), "server");
        Path clientDir = GitAnnex.initRepo(tmp.resolve("client"), "client");
        Path strangerDir = GitAnnex.initRepo(tmp.resolve("stranger"), "stranger");
        int port = freeTcpPort();
        AnnexRepository server = AnnexRepository.open(serverDir);
        AnnexRepository client = AnnexRepository.open(clientDir);
        TlsIdentity serverKey = TlsIdentity.generate("server");
        TlsIdentity clientKey = TlsIdentity.generate("client");
        AuthToken pairing = AuthToken.parse("pairingtoken0123").get();
        LanIdentity.file(server.creds()).write(serverKey.toPem());
        LanIdentity.file(client.creds()).write(clientKey.toPem());
        LanPeers.store(server.creds(), new LanPeer(client.uuid().value(), clientKey.fingerprint(), pairing, List.of()));
        LanPeers.store(client.creds(), new LanPeer(server.uuid().value(), serverKey.fingerprint(), pairing,
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))));

        Path helpers = Files.createDirectories(tmp.resolve("helpers"));
        StandInScript.networkHelper(helpers, "lan", "#!/bin/sh\nexec java -XX:+UseSerialGC "
                + "-XX:TieredStopAtLevel=1 -jar '" + AnnexP2p.jar() + "' git-annex-p2p-lan \"$@\"\n");
        Map<String, String> env = Map.of("PATH", helpers + ":" + System.getenv("PATH"), "ANNEX_P2P_LAN_LOOPBACK", "1",
                "ANNEX_P2P_LAN_PORT", Integer.toString(port), "ANNEX_P2P_DISCOVERY_PORT", Integer.toString(freeUdpPort()));
        String address = "p2p-annex::lan:127.0.0.1:" + port;

        AnnexP2p.run(tmp, env, "p2p", "--enable", "lan", "--repo", serverDir.toString()).ok();
        String shared = AnnexP2p.run(tmp, env, "p2p", "--gen-addresses", "--repo", serverDir.toString()).ok().out().strip();
        assertThat(shared).startsWith(address + ":");
        String token = shared.substring(address.length() + 1);
        Map<String, String> withToken = new java.util.HashMap<>(env);
        withToken.put("GIT_ANNEX_P2P_AUTHTOKEN", token);

        byte[] content = "across the LAN through git-annex-p2p-lan\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        Path in = Files.write(tmp.resolve("in.bin"), content);
        String key = AnnexedContent.of(content, ".bin").keyText();
        try (RunningCommand serve = AnnexP2p.command("serve", "--repo", serverDir.toString()).env(env)
                .log(tmp.resolve("serve.log")).start()) {
            serve.await(Pattern.compile(Pattern.quote("on " + address + " (through git-annex-p2p-lan")), Duration.ofMinutes(2));
            // The helper is a JVM of its own: it listens a moment after serve says it runs it. The client's helper runs
            // in the client repository, as git-annex would run it there (a put from a file has no --repo).
            GitAnnex.Result put = null;
            for (int i = 0; i < 30 && (put == null || put.exit() != 0); i++) {
                put = AnnexP2p.run(clientDir, withToken, "put", "--address", address, key, in.toString());
            }
            assertThat(put.exit()).as("put: %s", put.err()).isZero();
            AnnexP2p.run(clientDir, withToken, "get", "--address", address, key,
                    tmp.resolve("out.bin").toString()).ok();
            assertThat(Files.readAllBytes(tmp.resolve("out.bin"))).isEqualTo(content);

            GitAnnex.Result stranger = AnnexP2p.run(tmp, withToken, "checkpresent", "--repo", strangerDir.toString(),
                    "--address", address, key);
            assertThat(stranger.exit()).as("a repository never paired: %s", stranger.err()).isEqualTo(100);
            assertThat(stranger.err()).contains("git-annex-p2p-lan: this repository is not paired with any LAN peer");
            assertThat(serve.alive()).isTrue();
        }
    }

    private static int freeTcpPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws java.io.IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
