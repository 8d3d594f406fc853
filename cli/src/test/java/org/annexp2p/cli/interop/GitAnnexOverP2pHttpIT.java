package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * git-annex 10.20250416's own HTTP client (remote.NAME.annexUrl = annex+http://…) drives {@code annex-p2p p2phttp}:
 * get, copy --to, drop --from, fsck --from, whereis and move, under --wideopen, --unauth-readonly, --authenv-http
 * with a read-only and an append-only user, and --authenv over HTTPS with a self-signed certificate the client is
 * told to trust; and --directory with two repositories; and the remote {@code annex-p2p p2p --link annex+http://…}
 * makes. One server repository and one client serve every case; each
 * auth mode is its own server process over that repository, a remote of the client.
 */
@Timeout(600)
class GitAnnexOverP2pHttpIT {
    private static final Pattern SERVING = Pattern.compile("on https?://127\\.0\\.0\\.1:(\\d+)/git-annex/");

    @TempDir
    static Path tmp;

    private static final List<RunningCommand> servers = new ArrayList<>();
    private static Path server;
    private static Path client;
    private static String path;
    private static Path one;
    private static Path certificates;
    private static Path two;
    private static int authPort;

    @BeforeAll
    static void setUp() throws Exception {
        GitAnnex.requireInstalled();
        path = GitAnnexVersions.newer().path();
        assertThat(annex(tmp, "git", "annex", "version").out()).contains("git-annex version: 10.20250416");
        server = GitAnnex.initRepo(tmp.resolve("server"), "server");
        GitAnnex.addFile(server, "served.txt", "served over HTTP\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        byte[] big = new byte[6 << 20];
        new java.util.Random(7).nextBytes(big);
        GitAnnex.addFile(server, "big.bin", big);
        for (String f : List.of("readonly.txt", "reader.txt", "adder.txt", "wide.txt", "moved.txt", "secure.txt", "linked.txt")) {
            GitAnnex.addFile(server, f, (f + " content\n").getBytes(StandardCharsets.US_ASCII));
        }
        annex(tmp, "git", "clone", "-q", server.toString(), tmp.resolve("client").toString());
        client = tmp.resolve("client");
        TemporaryRepository c = new TemporaryRepository(client);
        c.git("config", "user.name", TemporaryRepository.USER_NAME);
        c.git("config", "user.email", TemporaryRepository.USER_EMAIL);
        annex(client, "git", "annex", "init", "-q", "client");
        annex(client, "git", "remote", "remove", "origin");
        String uuid = GitAnnex.uuid(server);
        Path credentials = tmp.resolve("credentials");
        c.git("config", "annex.security.allowed-ip-addresses", "all");
        c.git("config", "credential.helper", "store --file=" + credentials);

        int wide = serve("--wideopen");
        int readOnly = serve("--unauth-readonly");
        int auth = serve("--authenv-http");
        authPort = auth;
        Path certificates = selfSigned();
        int https = serve("--authenv", "--repo", server.toString(), "--certfile", certificates.resolve("cert.pem").toString(),
                "--privatekeyfile", tmp.resolve("key.pem").toString());
        Files.writeString(credentials, "http://reader:r-secret@127.0.0.1:" + auth + "\nhttp://adder:a-secret@127.0.0.1:" + auth
                + "\nhttps://alice:wonder-land@127.0.0.1:" + https + "\n");
        remote(c, "wide", "http://127.0.0.1:" + wide + "/repo.git", wide, uuid);
        remote(c, "ro", "http://127.0.0.1:" + readOnly + "/repo.git", readOnly, uuid);
        remote(c, "reader", "http://reader@127.0.0.1:" + auth + "/repo.git", auth, uuid);
        remote(c, "adder", "http://adder@127.0.0.1:" + auth + "/repo.git", auth, uuid);
        c.git("remote", "add", "secure", "https://alice@127.0.0.1:" + https + "/repo.git");
        c.git("config", "remote.secure.annexUrl", "annex+https://127.0.0.1:" + https + "/git-annex/");
        c.git("config", "remote.secure.annex-uuid", uuid);

        one = GitAnnex.initRepo(tmp.resolve("directory/one"), "one");
        two = GitAnnex.initRepo(tmp.resolve("directory/deeper/two"), "two");
        GitAnnex.addFile(two, "in-two.txt", "only in two\n".getBytes(StandardCharsets.US_ASCII));
        int both = serve("--wideopen", "--directory", tmp.resolve("directory").toString());
        remote(c, "one", "http://127.0.0.1:" + both + "/one.git", both, GitAnnex.uuid(one));
        remote(c, "two", "http://127.0.0.1:" + both + "/two.git", both, GitAnnex.uuid(two));
    }

    private static int serve(String mode) throws Exception {
        return serve(mode, "--repo", server.toString());
    }

    private static int serve(String mode, String... what) throws Exception {
        RunningCommand s = AnnexP2p.command("p2phttp", "--bind", "127.0.0.1", "--port", "0", mode).args(what)
                .env(Map.of("GIT_ANNEX_P2PHTTP_PASSWORD_reader", "r-secret", "GIT_ANNEX_P2PHTTP_PERMISSIONS_reader", "readonly",
                        "GIT_ANNEX_P2PHTTP_PASSWORD_adder", "a-secret", "GIT_ANNEX_P2PHTTP_PERMISSIONS_adder", "appendonly",
                        "GIT_ANNEX_P2PHTTP_PASSWORD_alice", "wonder-land"))
                .log(tmp.resolve("p2phttp" + servers.size() + mode + ".log")).start();
        servers.add(s);
        return Integer.parseInt(s.awaitErr(SERVING, Duration.ofMinutes(2)));
    }

    /**
     * A self-signed certificate for 127.0.0.1 in a directory of its own: git-annex's TLS library trusts the
     * certificates in SYSTEM_CERTIFICATE_PATH, which {@link #annex} points there.
     */
    private static Path selfSigned() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trusted"));
        GitAnnex.run(tmp, Map.of(), "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", tmp.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1").ok();
        certificates = dir;
        return dir;
    }

    private static void remote(TemporaryRepository c, String name, String url, int port, String uuid) throws IOException {
        c.git("remote", "add", name, url);
        c.git("config", "remote." + name + ".annexUrl", "annex+http://127.0.0.1:" + port + "/git-annex/");
        c.git("config", "remote." + name + ".annex-uuid", uuid);
    }

    @AfterAll
    static void stopServers() throws IOException {
        servers.forEach(RunningCommand::close);
        TemporaryRepository.thaw(tmp);
    }

    private static GitAnnex.Result annex(Path dir, String... argv) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", path == null ? System.getenv("PATH") : path);
        if (certificates != null) {
            env.put("SYSTEM_CERTIFICATE_PATH", certificates.toString());
        }
        return GitAnnex.run(dir, env, argv);
    }

    /** Whether the server repository holds the content of the client's {@code file} (it may not know the file). */
    private static boolean serverHas(String file) throws IOException {
        String key = annex(client, "git", "annex", "lookupkey", file).ok().out().strip();
        return annex(server, "git", "annex", "contentlocation", key).exit() == 0;
    }

    private static String added(String name) throws IOException {
        Files.writeString(client.resolve(name), name + " from the client\n");
        annex(client, "git", "annex", "add", "-q", name).ok();
        annex(client, "git", "commit", "-q", "-m", name).ok();
        return name;
    }

    @Test
    void wideOpenServesEveryCommand() throws Exception {
        annex(client, "git", "annex", "get", "--from", "wide", "served.txt", "big.bin").ok();
        assertThat(Files.readString(client.resolve("served.txt"))).isEqualTo("served over HTTP\n".repeat(1000));
        assertThat(Files.size(client.resolve("big.bin"))).isEqualTo(6 << 20);
        assertThat(annex(client, "git", "annex", "fsck", "--from", "wide", "big.bin").ok().out()).contains("ok");
        assertThat(annex(client, "git", "annex", "whereis", "served.txt").ok().out()).contains("2 copies");

        String mine = added("copied.txt");
        annex(client, "git", "annex", "copy", "--to", "wide", mine).ok();
        assertThat(serverHas(mine)).isTrue();
        annex(client, "git", "annex", "drop", "--from", "wide", mine).ok();
        assertThat(serverHas(mine)).isFalse();

        String moved = added("moved-there.txt");
        annex(client, "git", "annex", "move", "--to", "wide", moved).ok();
        assertThat(serverHas(moved)).isTrue();
        annex(client, "git", "annex", "move", "--from", "wide", "moved.txt").ok();
        assertThat(serverHas("moved.txt")).isFalse();
        assertThat(Files.readString(client.resolve("moved.txt"))).isEqualTo("moved.txt content\n");
    }

    @Test
    void aDirectoryServerServesEachRepositoryBelowItByItsUuid() throws Exception {
        String mine = added("for-one.txt");
        annex(client, "git", "annex", "copy", "--to", "one", mine).ok();
        String key = annex(client, "git", "annex", "lookupkey", mine).ok().out().strip();
        assertThat(annex(one, "git", "annex", "contentlocation", key).exit()).isZero();
        assertThat(annex(two, "git", "annex", "contentlocation", key).exit()).isNotZero();
        annex(client, "git", "annex", "checkpresentkey", key, "one").ok();
        assertThat(annex(client, "git", "annex", "checkpresentkey", key, "two").exit()).isNotZero();

        String inTwo = annex(two, "git", "annex", "lookupkey", "in-two.txt").ok().out().strip();
        annex(client, "git", "annex", "transferkey", inTwo, "--from", "two").ok();
        assertThat(annex(client, "git", "annex", "contentlocation", inTwo).ok().out()).isNotBlank();
    }

    @Test
    void overHttpsWithASelfSignedCertificateTheClientTrustsAUserLogsIn() throws Exception {
        annex(client, "git", "annex", "get", "--from", "secure", "secure.txt").ok();
        assertThat(Files.readString(client.resolve("secure.txt"))).isEqualTo("secure.txt content\n");
        String mine = added("sent-securely.txt");
        annex(client, "git", "annex", "copy", "--to", "secure", mine).ok();
        assertThat(serverHas(mine)).isTrue();
    }

    @Test
    void unauthenticatedReadOnlyLetsAnyoneGetButNotChange() throws Exception {
        annex(client, "git", "annex", "get", "--from", "ro", "readonly.txt").ok();
        assertThat(Files.readString(client.resolve("readonly.txt"))).isEqualTo("readonly.txt content\n");
        String mine = added("refused.txt");
        assertThat(annex(client, "git", "annex", "copy", "--to", "ro", mine).exit()).isNotZero();
        assertThat(serverHas(mine)).isFalse();
        assertThat(annex(client, "git", "annex", "drop", "--from", "ro", "readonly.txt").exit()).isNotZero();
        assertThat(serverHas("readonly.txt")).isTrue();
    }

    @Test
    void authEnvUsersGetWhatTheirPermissionsSay() throws Exception {
        annex(client, "git", "annex", "get", "--from", "reader", "reader.txt").ok();
        assertThat(Files.readString(client.resolve("reader.txt"))).isEqualTo("reader.txt content\n");
        String byReader = added("by-reader.txt");
        assertThat(annex(client, "git", "annex", "copy", "--to", "reader", byReader).exit()).isNotZero();
        assertThat(serverHas(byReader)).isFalse();

        String byAdder = added("by-adder.txt");
        annex(client, "git", "annex", "copy", "--to", "adder", byAdder).ok();
        assertThat(serverHas(byAdder)).isTrue();
        assertThat(annex(client, "git", "annex", "drop", "--from", "adder", byAdder).exit()).isNotZero();
        assertThat(serverHas(byAdder)).isTrue();
        annex(client, "git", "annex", "get", "--from", "adder", "adder.txt").ok();
    }

    @Test
    void pTwoPLinkMakesTheRemoteGitAnnexUsesWithPasswordsLeftToGitsHelpers() throws Exception {
        String address = "annex+http://127.0.0.1:" + authPort + "/git-annex/" + GitAnnex.uuid(server);
        // --authenv-http admits no one anonymous: the link's check passes only with the helper's reader password.
        GitAnnex.Result linked = GitAnnex.run(client, Map.of(), (address + "\n").getBytes(StandardCharsets.UTF_8),
                AnnexP2p.command("p2p", "--link", "--name", "linked").argv().toArray(String[]::new)).ok();
        assertThat(linked.err()).contains("as remote linked");
        TemporaryRepository c = new TemporaryRepository(client);
        assertThat(c.git("config", "remote.linked.url").out().strip()).isEqualTo("http://127.0.0.1:" + authPort + "/git-annex/");
        assertThat(c.git("config", "remote.linked.annexurl").out().strip()).isEqualTo("annex+http://127.0.0.1:" + authPort + "/git-annex/");
        assertThat(c.git("config", "remote.linked.annex-uuid").out().strip()).isEqualTo(GitAnnex.uuid(server));
        assertThat(c.git("config", "--get-regexp", "^remote\\.linked\\.").out()).doesNotContain("r-secret").doesNotContain("reader")
                .hasLineCount(4);
        assertThat(Files.readString(client.resolve(".git/config"))).doesNotContain("r-secret");

        annex(client, "git", "annex", "get", "--from", "linked", "linked.txt").ok();
        assertThat(Files.readString(client.resolve("linked.txt"))).isEqualTo("linked.txt content\n");
    }
}
