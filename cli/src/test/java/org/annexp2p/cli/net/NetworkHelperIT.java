package org.annexp2p.cli.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.peers.StandInScript;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 3, the client side: {@code --address p2p-annex::testnet:HOST:PORT} runs our stand-in network helper
 * {@code git-annex-p2p-testnet} (a relay to loopback TCP, first on PATH) as git-annex would, and put, get and
 * checkpresent reach {@code annex-p2p serve} through it, with the token given or stored for that address. A wrong
 * token is refused; a missing helper, a helper that cannot connect and an address a helper could misread are each
 * one line, and nothing is recorded. git clone and push go through our {@code git-remote-p2p-annex} and the same helper.
 */
@Timeout(300)
class NetworkHelperIT {
    private static final Pattern SERVING = Pattern.compile("serving .* on tcp://127\\.0\\.0\\.1:(\\d+)");
    /** Relays its standard streams to HOST:PORT; exits 1, silent, when it cannot connect. */
    private static final String RELAY = """
            #!/usr/bin/env python3
            import os, socket, sys, threading
            host, _, port = sys.argv[1].rpartition(':')
            try:
                peer = socket.create_connection((host, int(port)))
            except (OSError, ValueError):
                sys.exit(1)
            def upstream():
                while True:
                    data = os.read(0, 65536)
                    if not data:
                        peer.shutdown(socket.SHUT_WR)
                        return
                    peer.sendall(data)
            threading.Thread(target=upstream, daemon=True).start()
            while True:
                data = peer.recv(65536)
                if not data:
                    break
                view = memoryview(data)
                while view:
                    view = view[os.write(1, view):]
            """;

    @TempDir
    Path tmp;

    @Test
    void putGetAndCheckpresentThroughANetworkHelperAndEachFailureInOneLine() throws Exception {
        GitAnnex.requireInstalled();
        Path server = GitAnnex.initRepo(tmp.resolve("server"), "server");
        Path client = GitAnnex.initRepo(tmp.resolve("client"), "client");
        String token = AnnexP2p.run(tmp, Map.of(), "token", "--repo", server.toString()).ok().out().trim();
        Path helpers = Files.createDirectories(tmp.resolve("helpers"));
        StandInScript.networkHelper(helpers, "testnet", RELAY);
        String path = helpers + ":" + System.getenv("PATH");
        Map<String, String> withToken = Map.of("PATH", path, "GIT_ANNEX_P2P_AUTHTOKEN", token);
        byte[] content = "carried by a network helper\n".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        Path in = Files.write(tmp.resolve("in.bin"), content);
        String key = AnnexedContent.of(content, ".bin").keyText();

        try (RunningCommand serve = AnnexP2p.command("serve", "--repo", server.toString(), "--listen", "tcp://127.0.0.1:0")
                .log(tmp.resolve("serve.log")).start()) {
            String address = "p2p-annex::testnet:127.0.0.1:" + serve.await(SERVING, Duration.ofMinutes(2));

            AnnexP2p.run(tmp, withToken, "put", "--address", address, key, in.toString()).ok();
            AnnexP2p.run(tmp, withToken, "get", "--address", address, key, tmp.resolve("out.bin").toString()).ok();
            assertThat(Files.readAllBytes(tmp.resolve("out.bin"))).isEqualTo(content);

            // git clone and push through our git-remote-p2p-annex, which runs the same network helper.
            StandInScript.write(helpers.resolve("git-remote-p2p-annex"), "#!/bin/sh\nexec java "
                    + "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '" + AnnexP2p.jar() + "' git-remote-p2p-annex \"$@\"\n");
            GitAnnex.addFile(server, "through-the-network.txt", "committed on the server\n".getBytes(StandardCharsets.US_ASCII));
            Path cloned = tmp.resolve("cloned");
            GitAnnex.run(tmp, withToken, "git", "clone", "-q", address, cloned.toString()).ok();
            assertThat(Files.isSymbolicLink(cloned.resolve("through-the-network.txt"))).isTrue();
            GitAnnex.run(cloned, withToken, "git", "push", "-q", "origin", "HEAD:refs/heads/pushed").ok();
            assertThat(GitAnnex.run(server, Map.of(), "git", "rev-parse", "pushed").ok().out().trim())
                    .isEqualTo(GitAnnex.run(cloned, Map.of(), "git", "rev-parse", "HEAD").ok().out().trim());
            GitAnnex.Result refusedClone = GitAnnex.run(tmp, Map.of("PATH", path, "GIT_ANNEX_P2P_AUTHTOKEN",
                    "wrongtoken0123456789"), "git", "clone", "-q", address, tmp.resolve("not-cloned").toString());
            assertThat(refusedClone.exit()).isNotZero();
            assertThat(refusedClone.err()).contains("git-remote-p2p-annex: authentication failed, perhaps you need to set GIT_ANNEX_P2P_AUTHTOKEN");

            // The token git-annex's p2p --link stores for this address, under its name for it, with none given.
            Path creds = Files.createDirectories(client.resolve(".git/annex/creds"));
            Files.setPosixFilePermissions(creds, PosixFilePermissions.fromString("rwx------"));
            String credsName = CredsDir.escapedName(address.substring("p2p-annex::".length()));
            Files.writeString(creds.resolve(credsName), token);
            Files.setPosixFilePermissions(creds.resolve(credsName), PosixFilePermissions.fromString("rw-------"));
            AnnexP2p.run(tmp, Map.of("PATH", path), "checkpresent", "--repo", client.toString(), "--address", address, key).ok();

            GitAnnex.Result wrongToken = AnnexP2p.run(tmp, Map.of("PATH", path, "GIT_ANNEX_P2P_AUTHTOKEN",
                    "wrongtoken0123456789"), "checkpresent", "--address", address, key);
            assertThat(wrongToken.exit()).as("refused: %s", wrongToken.err()).isEqualTo(100);
            assertThat(oneLine(wrongToken)).contains("refused");

            GitAnnex.Result missing = AnnexP2p.run(tmp, withToken, "checkpresent", "--address",
                    "p2p-annex::othernet:127.0.0.1:1", key);
            assertThat(missing.exit()).isEqualTo(100);
            assertThat(oneLine(missing)).endsWith("git-annex-p2p-othernet is not on PATH; install the othernet network's helper");

            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            GitAnnex.Result cannotConnect = AnnexP2p.run(tmp, withToken, "checkpresent", "--address",
                    "p2p-annex::testnet:127.0.0.1:" + closedPort, key);
            assertThat(cannotConnect.exit()).isEqualTo(100);
            assertThat(oneLine(cannotConnect)).endsWith("git-annex-p2p-testnet could not connect to 127.0.0.1:"
                    + closedPort + " (it exited with code 1)");

            GitAnnex.Result badAddress = AnnexP2p.run(tmp, withToken, "checkpresent", "--address", "p2p-annex::testnet:--help", key);
            assertThat(badAddress.exit()).as("a usage error").isEqualTo(2);
            assertThat(oneLine(badAddress)).contains("would be read as an option by its helper");

            assertThat(serve.alive()).as("the server survived the refused client").isTrue();
        }
        assertThat(tmp.resolve("client/.git/annex/objects")).as("checkpresent records nothing").doesNotExist();
    }

    private static String oneLine(GitAnnex.Result r) {
        String err = r.err().strip();
        assertThat(err).as("one line, no trace").doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        return err;
    }
}
