package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client ({@code annex-p2p … --address annex+http://…}) drives git-annex 10.20250416's own {@code git annex
 * p2phttp}: get, put, checkpresent, lock and remove under --wideopen; --authenv-http users (a read-only one refused a
 * put, an append-only one refused a remove, each in one line), credentials from the environment and from git's
 * credential helper; HTTPS with a self-signed certificate, refused until the client is told to trust it. One server
 * repository and one client repository serve every case; each mode is one server process over that repository.
 */
@Timeout(600)
class OurClientAgainstGitAnnexP2pHttpIT {
    @TempDir
    static Path tmp;

    private static final List<RunningCommand> servers = new ArrayList<>();
    private static GitAnnexVersions.Release newer;
    private static Path server;
    private static Path client;
    private static String uuid;
    private static String served;
    private static int wide;
    private static int auth;
    private static int https;

    @BeforeAll
    static void setUp() throws Exception {
        GitAnnex.requireInstalled();
        newer = GitAnnexVersions.newer();
        server = GitAnnex.initRepo(newer, tmp.resolve("server"), "server");
        served = GitAnnex.addFile(newer, server, "served.txt", "served over HTTP\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        uuid = GitAnnex.uuid(server);
        client = GitAnnex.initRepo(tmp.resolve("client"), "client");
        openssl();
        wide = serve("--wideopen");
        auth = serve("--authenv-http");
        https = serve("--wideopen", "--certfile", tmp.resolve("cert.pem").toString(), "--privatekeyfile",
                tmp.resolve("key.pem").toString());
        for (int port : List.of(wide, auth, https)) {
            awaitListening(port);
        }
    }

    private static void openssl() throws IOException {
        GitAnnex.run(tmp, Map.of(), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", tmp.resolve("key.pem").toString(), "-out", tmp.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
    }

    /** git-annex's server on a free port; it needs --jobs > 1, and holds a job per lock, so it gets a few. */
    private static int serve(String... mode) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        servers.add(Command.of("git", "annex", "p2phttp", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--jobs", "8").args(mode).in(server)
                .env(newer.env(Map.of("GIT_ANNEX_P2PHTTP_PASSWORD_reader", "r-secret",
                        "GIT_ANNEX_P2PHTTP_PERMISSIONS_reader", "readonly", "GIT_ANNEX_P2PHTTP_PASSWORD_adder", "a-secret",
                        "GIT_ANNEX_P2PHTTP_PERMISSIONS_adder", "appendonly")))
                .log(tmp.resolve("p2phttp-" + port + ".log")).start());
        return port;
    }

    /** git-annex's server says nothing when it is ready: it is once it accepts a connection. */
    private static void awaitListening(int port) throws Exception {
        for (long end = System.nanoTime() + 60_000_000_000L; ; ) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw new IOException("git annex p2phttp did not listen on " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        servers.forEach(RunningCommand::close);
        TemporaryRepository.thaw(tmp);
    }

    private static String address(String scheme, int port) {
        return "annex+" + scheme + "://127.0.0.1:" + port + "/git-annex/" + uuid;
    }

    private static GitAnnex.Result ours(Map<String, String> env, String... args) throws IOException {
        return AnnexP2p.run(client, env, args);
    }

    private static boolean serverHas(String key) throws IOException {
        return GitAnnex.run(server, newer.env(), "git", "annex", "contentlocation", key).exit() == 0;
    }

    private static String added(String name) throws IOException {
        return GitAnnex.addFile(client, name, (name + " from our client\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void saidInOneLine(GitAnnex.Result r, String line) {
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains(line).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void wideOpenGetPutCheckPresentLockAndRemove() throws Exception {
        String a = address("http", wide);
        assertThat(ours(Map.of(), "checkpresent", "--address", a, served).out()).isEqualTo("present\n");
        ours(Map.of(), "get", "--repo", client.toString(), "--address", a, served).ok();
        GitAnnex.run(client, Map.of(), "git", "annex", "contentlocation", served).ok();

        String mine = added("put.txt");
        ours(Map.of(), "put", "--repo", client.toString(), "--address", a, mine).ok();
        assertThat(serverHas(mine)).isTrue();
        assertThat(ours(Map.of(), "lock", "--address", a, mine).out()).isEqualTo("locked and unlocked\n");
        ours(Map.of(), "remove", "--address", a, mine).ok();
        assertThat(serverHas(mine)).isFalse();

        // Without the UUID in the address, --repo's remote whose annexurl this is names the repository.
        TemporaryRepository c = new TemporaryRepository(client);
        c.git("remote", "add", "wide", "http://127.0.0.1:" + wide + "/repo.git");
        c.git("config", "remote.wide.annexurl", "annex+http://127.0.0.1:" + wide + "/git-annex/");
        c.git("config", "remote.wide.annex-uuid", uuid);
        assertThat(ours(Map.of(), "checkpresent", "--repo", client.toString(), "--address",
                "annex+http://127.0.0.1:" + wide + "/git-annex/", mine).out()).isEqualTo("absent\n");
    }

    @Test
    void usersAreRefusedWhatTheirPermissionsDoNotAllowInOneLine() throws Exception {
        String a = address("http", auth);
        String mine = added("refused.txt");
        Map<String, String> reader = Map.of("ANNEX_P2P_HTTP_USER", "reader", "ANNEX_P2P_HTTP_PASSWORD", "r-secret");
        Map<String, String> adder = Map.of("ANNEX_P2P_HTTP_USER", "adder", "ANNEX_P2P_HTTP_PASSWORD", "a-secret");
        saidInOneLine(ours(Map.of(), "checkpresent", "--address", a, served), "the server wants credentials");
        assertThat(ours(reader, "checkpresent", "--address", a, served).out()).isEqualTo("present\n");
        saidInOneLine(ours(reader, "put", "--repo", client.toString(), "--address", a, mine),
                "the server does not allow this with these credentials");
        assertThat(serverHas(mine)).isFalse();
        ours(adder, "put", "--repo", client.toString(), "--address", a, mine).ok();
        saidInOneLine(ours(adder, "remove", "--address", a, mine), "the server does not allow this with these credentials");
        assertThat(serverHas(mine)).isTrue();
    }

    @Test
    void withRepoTheCredentialsComeFromGitsCredentialHelper() throws Exception {
        Path store = tmp.resolve("git-credentials");
        Files.writeString(store, "http://reader:r-secret@127.0.0.1:" + auth + "\n");
        TemporaryRepository c = new TemporaryRepository(client);
        c.git("config", "credential.helper", "store --file=" + store);
        try {
            assertThat(ours(Map.of(), "checkpresent", "--repo", client.toString(), "--address", address("http", auth), served)
                    .out()).isEqualTo("present\n");
        } finally {
            c.git("config", "--unset", "credential.helper");
        }
    }

    @Test
    void overHttpsASelfSignedCertificateIsRefusedUntilTrusted() throws Exception {
        String a = address("https", https);
        saidInOneLine(ours(Map.of(), "checkpresent", "--address", a, served), "its certificate is not trusted");
        Map<String, String> trusting = Map.of("ANNEX_P2P_HTTP_CA", tmp.resolve("cert.pem").toString());
        assertThat(ours(trusting, "checkpresent", "--address", a, served).out()).isEqualTo("present\n");
        String mine = added("secure.txt");
        ours(trusting, "put", "--repo", client.toString(), "--address", a, mine).ok();
        assertThat(serverHas(mine)).isTrue();
    }
}
