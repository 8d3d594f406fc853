package org.annexp2p.cli.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.peers.StandInScript;
import org.annexp2p.testkit.process.Finished;
import org.annexp2p.testkit.process.RunningCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 item 3, the serving side, end to end with a stand-in network helper over loopback TCP (git-annex here
 * predates generic networks): {@code p2p --enable} for two networks and each way enabling fails, {@code serve}
 * running the helpers with our address and socket, {@code p2p --gen-addresses}, put and get, {@code p2p --link},
 * git clone and push through {@code git-remote-p2p-annex}; a wrong token, a plain (TCP) token and the other network's
 * token refused on a network, a network's token refused on TCP; a killed helper restarted; none left once serve stops.
 */
@Timeout(300)
class NetworkServeIT {
    /** address: our address; ADDRESS: relay stdio to it; ADDRESS SOCKET: relay each peer at ADDRESS to SOCKET. */
    static final String HELPER = """
            #!/usr/bin/env python3
            import os, socket, sys, threading
            name = os.path.basename(sys.argv[0])
            if sys.argv[1:] == ['address']:
                print('127.0.0.1:' + PORTS[name])
                sys.exit(0)
            host, _, port = sys.argv[1].rpartition(':')
            def pump(read, write, done):
                while True:
                    data = read()
                    if not data:
                        done()
                        return
                    write(data)
            if len(sys.argv) == 2:
                try:
                    peer = socket.create_connection((host, int(port)))
                except (OSError, ValueError):
                    sys.exit(1)
                def out(data):
                    view = memoryview(data)
                    while view:
                        view = view[os.write(1, view):]
                threading.Thread(target=pump, args=(lambda: os.read(0, 65536), peer.sendall,
                    lambda: peer.shutdown(socket.SHUT_WR)), daemon=True).start()
                pump(lambda: peer.recv(65536), out, lambda: None)
                sys.exit(0)
            with open(PIDS + name, 'a') as f:
                f.write('%d\\n' % os.getpid())
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind((host, int(port)))
            listener.listen(8)
            while True:
                peer, _ = listener.accept()
                local = socket.socket(socket.AF_UNIX)
                local.connect(sys.argv[2])
                for a, b in ((peer, local), (local, peer)):
                    threading.Thread(target=pump, args=(lambda a=a: a.recv(65536), b.sendall,
                        lambda b=b: b.shutdown(socket.SHUT_WR)), daemon=True).start()
            """;
    private static final Pattern TCP = Pattern.compile("serving .* on tcp://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void enableServeShareGetPutLinkCloneAndPushOverANetworkOnlyWithItsTokens() throws Exception {
        GitAnnex.requireInstalled();
        Path server = GitAnnex.initRepo(tmp.resolve("server"), "server");
        Path client = GitAnnex.initRepo(tmp.resolve("client"), "client");
        int testPort = freePort();
        int otherPort = freePort();
        Path helpers = Files.createDirectories(tmp.resolve("helpers"));
        String pids = tmp.resolve("pids-").toString();
        String body = HELPER.replace("PORTS[name]", "{'git-annex-p2p-testnet': '" + testPort
                + "', 'git-annex-p2p-othernet': '" + otherPort + "'}[name]").replace("PIDS + name", "'" + pids + "' + name");
        StandInScript.networkHelper(helpers, "testnet", body);
        StandInScript.networkHelper(helpers, "othernet", body);
        StandInScript.networkHelper(helpers, "failnet", "#!/bin/sh\necho 'setting up' >&2\necho 'no daemon running' >&2\nexit 3\n");
        StandInScript.networkHelper(helpers, "silentnet", "#!/bin/sh\necho\n");
        StandInScript.networkHelper(helpers, "badnet", "#!/bin/sh\necho 127.0.0.1:1\necho 'has space'\n");
        StandInScript.write(helpers.resolve("git-remote-p2p-annex"), "#!/bin/sh\nexec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '"
                + AnnexP2p.jar() + "' git-remote-p2p-annex \"$@\"\n");
        Map<String, String> env = Map.of("PATH", helpers + ":" + System.getenv("PATH"));
        String test = "p2p-annex::testnet:127.0.0.1:" + testPort;
        String other = "p2p-annex::othernet:127.0.0.1:" + otherPort;

        // Enabling: each failure is one line and records nothing; then two networks.
        Path p2paddrs = server.resolve(".git/annex/creds/p2paddrs");
        assertThat(refused(AnnexP2p.run(tmp, env, "p2p", "--enable", "nonet", "--repo", server.toString())))
                .isEqualTo("annex-p2p: git-annex-p2p-nonet is not on PATH; install the nonet network's helper");
        assertThat(refused(AnnexP2p.run(tmp, env, "p2p", "--enable", "failnet", "--repo", server.toString())))
                .isEqualTo("annex-p2p: git-annex-p2p-failnet address failed (exit code 3): no daemon running");
        assertThat(refused(AnnexP2p.run(tmp, env, "p2p", "--enable", "silentnet", "--repo", server.toString())))
                .isEqualTo("annex-p2p: git-annex-p2p-silentnet did not output any P2P addresses");
        assertThat(refused(AnnexP2p.run(tmp, env, "p2p", "--enable", "badnet", "--repo", server.toString())))
                .isEqualTo("annex-p2p: git-annex-p2p-badnet printed an address with whitespace in it");
        assertThat(p2paddrs).doesNotExist();
        AnnexP2p.run(tmp, env, "p2p", "--enable", "testnet", "--repo", server.toString()).ok();
        AnnexP2p.run(tmp, env, "p2p", "--enable", "othernet", "--repo", server.toString()).ok();
        assertThat(Files.readAllLines(p2paddrs)).containsExactlyInAnyOrder(test, other);

        List<String> shared = AnnexP2p.run(tmp, env, "p2p", "--gen-addresses", "--repo", server.toString()).ok().out().lines().toList();
        String testToken = tokenOf(shared, test);
        String otherToken = tokenOf(shared, other);
        String plainToken = AnnexP2p.run(tmp, Map.of(), "token", "--repo", server.toString()).ok().out().trim();

        byte[] content = "served over a network helper\n".repeat(30_000).getBytes(StandardCharsets.US_ASCII);
        Path in = Files.write(tmp.resolve("in.bin"), content);
        String key = AnnexedContent.of(content, ".bin").keyText();
        Map<String, String> withToken = Map.of("PATH", env.get("PATH"), "GIT_ANNEX_P2P_AUTHTOKEN", testToken);
        RunningCommand serve = AnnexP2p.command("serve", "--repo", server.toString(), "--listen", "tcp://127.0.0.1:0")
                .env(env).log(tmp.resolve("serve.log")).start();
        try (serve) {
            String tcp = "tcp://127.0.0.1:" + serve.await(TCP, Duration.ofMinutes(2));
            serve.await(Pattern.compile(Pattern.quote("on " + test + " (through git-annex-p2p-testnet")), Duration.ofMinutes(1));
            serve.await(Pattern.compile(Pattern.quote("on " + other + " (through git-annex-p2p-othernet")), Duration.ofMinutes(1));

            AnnexP2p.run(tmp, withToken, "put", "--address", test, key, in.toString()).ok();
            AnnexP2p.run(tmp, withToken, "get", "--address", test, key, tmp.resolve("out.bin").toString()).ok();
            assertThat(Files.readAllBytes(tmp.resolve("out.bin"))).isEqualTo(content);

            for (String token : List.of("wrongtoken0123456789", plainToken, otherToken)) {
                GitAnnex.Result r = AnnexP2p.run(tmp, Map.of("PATH", env.get("PATH"), "GIT_ANNEX_P2P_AUTHTOKEN", token),
                        "checkpresent", "--address", test, key);
                assertThat(r.exit()).as("refused on testnet: %s", r.err()).isEqualTo(100);
                assertThat(refused(r)).contains("refused");
            }
            AnnexP2p.run(tmp, Map.of("PATH", env.get("PATH"), "GIT_ANNEX_P2P_AUTHTOKEN", otherToken),
                    "checkpresent", "--address", other, key).ok();
            GitAnnex.Result networkTokenOnTcp = AnnexP2p.run(tmp, Map.of(), "checkpresent", "--address", tcp,
                    "--token", testToken, key);
            assertThat(networkTokenOnTcp.exit()).as("a network's token on TCP: %s", networkTokenOnTcp.err()).isEqualTo(100);

            // p2p --link as git-annex does it: the address read on stdin, its token stored under git-annex's name.
            String pasted = test + ":" + testToken + "\n";
            Finished linked = AnnexP2p.command("p2p", "--link", "--repo", client.toString()).in(tmp).env(env).stdin(pasted).run();
            assertThat(linked.exit()).as("linked (typed %s): %s", pasted.length(), linked.err()).isZero();
            assertThat(GitAnnex.run(client, Map.of(), "git", "config", "remote.peer1.url").ok().out().trim()).isEqualTo(test);
            AnnexP2p.run(tmp, env, "checkpresent", "--repo", client.toString(), "--address", test, key).ok();

            // git through git-remote-p2p-annex: a clone with the token given, a fetch with the token --link stored.
            GitAnnex.addFile(server, "through-the-network.txt", "committed on the server\n".getBytes(StandardCharsets.US_ASCII));
            Path cloned = tmp.resolve("cloned");
            GitAnnex.run(tmp, withToken, "git", "clone", "-q", test, cloned.toString()).ok();
            assertThat(Files.isSymbolicLink(cloned.resolve("through-the-network.txt"))).isTrue();
            GitAnnex.run(cloned, withToken, "git", "push", "-q", "origin", "HEAD:refs/heads/pushed").ok();
            assertThat(GitAnnex.run(server, Map.of(), "git", "rev-parse", "pushed").ok().out().trim())
                    .isEqualTo(GitAnnex.run(cloned, Map.of(), "git", "rev-parse", "HEAD").ok().out().trim());
            GitAnnex.run(client, env, "git", "fetch", "-q", "peer1").ok();

            // A helper that dies is started again, and told once.
            Path testPids = Path.of(pids + "git-annex-p2p-testnet");
            long first = Long.parseLong(Files.readAllLines(testPids).get(0));
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            serve.awaitErr(Pattern.compile("git-annex-p2p-testnet exited with code -?\\d+; restarting it"), Duration.ofMinutes(1));
            GitAnnex.Result again = null;
            for (int i = 0; i < 100 && (again == null || again.exit() != 0); i++) {
                again = AnnexP2p.run(tmp, withToken, "checkpresent", "--address", test, key);
            }
            assertThat(again.exit()).as("served again: %s", again.err()).isZero();
            assertThat(Files.readAllLines(testPids)).hasSize(2);

            // Stopped as a user stops it, serve stops its helpers: none is left.
            List<Long> helperPids = Files.readAllLines(testPids).stream().skip(1).map(Long::parseLong).toList();
            serve.signal("TERM");
            assertThat(serve.awaitExit(Duration.ofMinutes(1))).isZero();
            for (long pid : helperPids) {
                Optional<ProcessHandle> left = ProcessHandle.of(pid);
                if (left.isPresent()) {
                    left.get().onExit().get(10, TimeUnit.SECONDS);
                }
            }
            long otherPid = Long.parseLong(Files.readAllLines(Path.of(pids + "git-annex-p2p-othernet")).get(0));
            assertThat(ProcessHandle.of(otherPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        }
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String tokenOf(List<String> shared, String address) {
        String line = shared.stream().filter(l -> l.startsWith(address + ":")).findFirst().orElseThrow();
        return line.substring(address.length() + 1);
    }

    /** What a refused command said: one line, no trace. */
    private static String refused(GitAnnex.Result r) {
        assertThat(r.exit()).as("failed: %s", r.err()).isNotZero();
        String err = r.err().strip();
        assertThat(err).as("one line, no trace").doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        return err;
    }
}
