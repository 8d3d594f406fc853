package org.annexp2p.cli.walkthrough;

import org.annexp2p.testkit.wormhole.WormholeServers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.process.RunningCommand;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: the README walked as a new user walks it, with the packaged tool as a process: "Set up"'s main job
 * ({@code demo}), then each "you want to / run" row that needs no network beyond loopback, in the README's order.
 * Every command's output is held to {@link UserOutput}, and each exit code to the README's promise: 0 success,
 * 1 failure, 2 bad usage. Not walked here: {@code ./test.sh} (this test is part of it); {@code serve --tor} (it
 * needs a tor on the network: TorEndToEndIT); {@code pair}, {@code pair --lan} and
 * {@code git clone tor-annex::} (PairingIT, LanPairingIT and GitAnnexOverTorAddressIT walk those).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ReadmeWalkthroughIT {
    /** The commands the table names (and the top level), whose --help a new user reads first. */
    private static final List<List<String>> TABLE_COMMANDS = List.of(List.of(), List.of("demo"), List.of("serve"), List.of("p2phttp"),
            List.of("token"), List.of("enable-tor"), List.of("p2p"), List.of("pair"), List.of("pair", "--lan"),
            List.of("doctor"), List.of("get"), List.of("put"), List.of("checkpresent"), List.of("lock"), List.of("remove"),
            List.of("wormhole"), List.of("wormhole", "send"), List.of("wormhole", "receive"));
    /** An option's own line in picocli's help: "  -h, --help ..." or "      --repo=DIR ...", never a description's. */
    private static final Pattern OPTION_LINE = Pattern.compile("(?m)^(?:  -[A-Za-z0-9], |      )(--[A-Za-z0-9-]+)");
    private static final Pattern SERVING_TCP = Pattern.compile("serving .* on (tcp://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern SERVING_TLS = Pattern.compile("serving .* on (tls://127\\.0\\.0\\.1:\\d+/\\S+) \\(TLS; clients need this pin\\)");
    private static final Pattern WORMHOLE_CODE = Pattern.compile("Wormhole code is: (\\S+)");

    @TempDir
    Path tmp;

    @BeforeAll
    static void peers() {
        GitAnnex.requireInstalled();
        AnnexP2p.jar();
    }

    @Test
    @Order(1)
    void setUpsMainJobTheDemoVerifiesEveryByte() throws Exception {
        GitAnnex.Result demo = walk(Map.of(), "demo", "--size", "16").ok();
        assertThat(demo.out() + demo.err()).contains("done: every byte verified");
    }

    @Test
    @Order(2)
    void helpOfTheToolAndOfEveryCommandInTheTable() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (List<String> command : TABLE_COMMANDS) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            GitAnnex.Result help = walk(Map.of(), args.toArray(String[]::new)).ok();
            String shown = "annex-p2p " + String.join(" ", args);
            soft.assertThat(help.out()).as(shown).startsWith("Usage: annex-p2p");
            List<String> options = new ArrayList<>();
            // The examples after the option list may indent a command's continuation like an option.
            int examples = help.out().indexOf("\nExamples:");
            Matcher m = OPTION_LINE.matcher(examples < 0 ? help.out() : help.out().substring(0, examples));
            while (m.find()) {
                options.add(m.group(1));
            }
            soft.assertThat(options).as("%s lists --help", shown).contains("--help");
            Set<String> seen = new TreeSet<>();
            Set<String> twice = new TreeSet<>();
            for (String option : options) {
                if (!seen.add(option)) {
                    twice.add(option);
                }
            }
            soft.assertThat(twice).as("options %s lists twice", shown).isEmpty();
        }
        soft.assertAll();
    }

    @Test
    @Order(3)
    void serveARepositoryToGitAnnexOverSsh() throws Exception {
        Path server = GitAnnex.initRepo(tmp.resolve("server"), "server");
        Path client = GitAnnex.initRepo(tmp.resolve("client"), "client");
        byte[] content = "a file served over ssh by annex-p2p\n".getBytes(StandardCharsets.US_ASCII);
        GitAnnex.addFile(client, "notes.txt", content);
        Map<String, String> ssh = Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(), "GIT_ANNEX_USE_GIT_SSH", "1");
        GitAnnex.run(client, ssh, "git", "remote", "add", "box", "localhost:" + server).ok();
        // The README's row: git config remote.NAME.annex-shell /path/to/bin/annex-p2p
        GitAnnex.run(client, ssh, "git", "config", "remote.box.annex-shell", AnnexP2p.launcher(tmp).toString()).ok();

        UserOutput.assertClean(GitAnnex.run(client, ssh, "git", "annex", "copy", "--to", "box", "notes.txt").ok(), "git annex copy --to box");
        GitAnnex.run(client, ssh, "git", "annex", "drop", "notes.txt").ok();
        assertThat(Files.exists(client.resolve("notes.txt"))).as("dropped here, so get must fetch it from box").isFalse();
        UserOutput.assertClean(GitAnnex.run(client, ssh, "git", "annex", "get", "notes.txt").ok(), "git annex get");
        assertThat(Files.readAllBytes(client.resolve("notes.txt"))).isEqualTo(content);
        assertThat(Files.readString(tmp.resolve("fakessh.log"))).as("git-annex went through the ssh remote").contains("p2pstdio");
    }

    @Test
    @Order(4)
    void serveARepositoryOverTcpPlaintextOnLoopbackAndTls() throws Exception {
        Path repo = GitAnnex.initRepo(tmp.resolve("r"), "r");
        GitAnnex.Result token = walk(Map.of(), "token", "--repo", repo.toString()).ok();
        assertThat(token.out().strip()).as("token prints the token").isNotEmpty().doesNotContain("\n");
        // The token from the environment, as the help advises (arguments show in `ps`).
        Map<String, String> withToken = Map.of("GIT_ANNEX_P2P_AUTHTOKEN", token.out().strip());

        try (RunningCommand serve = background(tmp.resolve("serve-tcp.log"),
                "serve", "--repo", repo.toString(), "--listen", "127.0.0.1:0")) {
            String address = serve.await(SERVING_TCP, Duration.ofMinutes(1));
            putThenGet(withToken, address, "plain");
            serve.close();
            UserOutput.assertClean(serve.said(), serve.toString());
        }
        try (RunningCommand serve = background(tmp.resolve("serve-tls.log"),
                "serve", "--repo", repo.toString(), "--listen", "tls://127.0.0.1:0")) {
            String address = serve.await(SERVING_TLS, Duration.ofMinutes(1));
            putThenGet(withToken, address, "pinned");
            serve.close();
            UserOutput.assertClean(serve.said(), serve.toString());
        }
    }

    private void putThenGet(Map<String, String> env, String address, String name) throws Exception {
        byte[] content = ("one key through " + address + "\n").getBytes(StandardCharsets.US_ASCII);
        Path in = Files.write(tmp.resolve(name + ".in"), content);
        String key = AnnexedContent.of(content, ".txt").keyText();
        walk(env, "put", "--address", address, key, in.toString()).ok();
        Path out = tmp.resolve(name + ".out");
        walk(env, "get", "--address", address, key, out.toString()).ok();
        assertThat(Files.readAllBytes(out)).as("get through %s", address).isEqualTo(content);
    }

    @Test
    @Order(5)
    void aServerThatIsNotThereFailsInOneLine() throws Exception {
        Map<String, String> env = Map.of("GIT_ANNEX_P2P_AUTHTOKEN", "0123456789abcdef");
        String key = "SHA256E-s1--6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
        GitAnnex.Result nobody = walk(env, "get", "--address", "tcp://127.0.0.1:" + closedTcpPort(), key, tmp.resolve("o").toString());
        assertThat(nobody.exit()).as("a failure:%n%s", nobody.err()).isEqualTo(1);
        UserOutput.oneErrorLine(nobody, "get from a closed port");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    @Order(6)
    void aMalformedAddressIsBadUsage() throws Exception {
        Map<String, String> env = Map.of("GIT_ANNEX_P2P_AUTHTOKEN", "0123456789abcdef");
        String key = "SHA256E-s1--6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";
        SoftAssertions soft = new SoftAssertions();
        for (String malformed : List.of("bogus", "tcp://127.0.0.1:notaport", "tcp://127.0.0.1", "tls://127.0.0.1:4242")) {
            GitAnnex.Result r = walk(env, "get", "--address", malformed, key, tmp.resolve("o").toString());
            soft.assertThat(r.exit()).as("get --address %s is bad usage: %s", malformed, r.err().strip()).isEqualTo(2);
            UserOutput.oneErrorLine(r, "get --address " + malformed);
        }
        Path repo = GitAnnex.initRepo(tmp.resolve("r"), "r");
        walk(Map.of(), "token", "--repo", repo.toString()).ok(); // the README's order: a token, then serve
        for (String malformed : List.of("bogus", "127.0.0.1:notaport")) {
            GitAnnex.Result r = walk(Map.of(), "serve", "--repo", repo.toString(), "--listen", malformed);
            soft.assertThat(r.exit()).as("serve --listen %s is bad usage: %s", malformed, r.err().strip()).isEqualTo(2);
            UserOutput.oneErrorLine(r, "serve --listen " + malformed);
        }
        soft.assertAll();
    }

    @Test
    @Order(7)
    void handOutP2pAddressesWithoutAnyNetworkSaysSoInOneLineThenEnableTorGivesOne() throws Exception {
        Path repo = GitAnnex.initRepo(tmp.resolve("r"), "r");
        GitAnnex.Result none = walk(Map.of(), "p2p", "--gen-addresses", "--repo", repo.toString());
        assertThat(none.exit()).as("a failure:%n%s", none.err()).isEqualTo(1);
        assertThat(UserOutput.oneErrorLine(none, "p2p --gen-addresses")).contains("enable-tor");
        assertThat(none.out()).as("no address printed").isEmpty();

        // enable-tor makes the onion address without tor; publishing it (serve --tor) is TorEndToEndIT's.
        GitAnnex.Result enabled = walk(Map.of(), "enable-tor", "--repo", repo.toString());
        assertThat(enabled.exit()).as("%s", enabled.err()).isZero();
        String address = enabled.out().strip();
        assertThat(address).matches("tor-annex::[a-z2-7]{56}\\.onion:\\d+");
        assertThat(enabled.err()).contains("the address is ready: `annex-p2p serve --tor` publishes it");
        GitAnnex.Result handed = walk(Map.of(), "p2p", "--gen-addresses", "--repo", repo.toString());
        assertThat(handed.exit()).as("%s", handed.err()).isZero();
        assertThat(handed.out().strip()).startsWith(address + ":").matches(".*:[0-9a-f]{128}");
    }

    @Test
    @Order(8)
    void doctorOnLoopbackAnswersInJson() throws Exception {
        Path repo = GitAnnex.initRepo(tmp.resolve("r"), "r");
        GitAnnex.Result doctor = walk(Map.of("WORMHOLE_RELAY_URL", ""), "doctor", "--loopback", "--json", "--repo", repo.toString(),
                "--discovery-port", String.valueOf(freeUdpPort()), "--tor-control", "127.0.0.1:" + closedTcpPort());
        JsonNode checks = new ObjectMapper().readTree(doctor.out()).get("checks");
        assertThat(checks).as("doctor --json:%n%s", doctor.out()).isNotNull();
        assertThat(checks.isArray() && checks.size() > 0).isTrue();
        boolean failed = false;
        for (JsonNode c : checks) {
            assertThat(c.get("name").asText()).isNotBlank();
            assertThat(Set.of("ok", "warn", "fail", "skip")).contains(c.get("status").asText());
            failed |= c.get("status").asText().equals("fail");
        }
        assertThat(doctor.exit()).as("exit code follows the failures; stderr:%n%s", doctor.err()).isEqualTo(failed ? 1 : 0);
    }

    @Test
    @Order(9)
    void sendATextByCodeThroughLocalWormholeServers() throws Exception {
        try (WormholeServers servers = WormholeServers.start(Files.createDirectories(tmp.resolve("wormhole")))) {
            String[] relay = {"wormhole", "--relay-url", servers.relayUrl(), "--transit-helper", servers.transitHelper()};
            List<String> send = new ArrayList<>(List.of(relay));
            send.addAll(List.of("send", "--text", "hi"));
            try (RunningCommand sender = background(tmp.resolve("send.log"), send.toArray(String[]::new))) {
                String code = sender.await(WORMHOLE_CODE, Duration.ofMinutes(1));
                List<String> receive = new ArrayList<>(List.of(relay));
                receive.addAll(List.of("receive", code));
                GitAnnex.Result received = walk(Map.of(), receive.toArray(String[]::new)).ok();
                assertThat(received.out().strip()).isEqualTo("hi");
                assertThat(sender.awaitExit(Duration.ofMinutes(1))).as("the sender:%n%s", sender.said()).isZero();
                assertThat(sender.said()).as("the 'please run' line names the relay the receiver needs")
                        .contains("wormhole --relay-url " + servers.relayUrl());
                UserOutput.assertClean(sender.said(), sender.toString());
            }
        }
    }

    @Test
    @Order(10)
    void aMailboxServerThatIsNotThereFailsInOneLine() throws Exception {
        String relayUrl = "ws://127.0.0.1:" + closedTcpPort() + "/v1";
        GitAnnex.Result r = walk(Map.of(), "wormhole", "--relay-url", relayUrl, "send", "--text", "hi");
        assertThat(r.exit()).as("a failure:%n%s", r.err()).isEqualTo(1);
        assertThat(r.err()).contains("annex-p2p wormhole send: ").contains(relayUrl);
    }

    @Test
    @Order(11)
    void badUsageExitsTwoAndSaysWhatToTry() throws Exception {
        GitAnnex.Result misspelt = walk(Map.of(), "gett");
        assertThat(misspelt.exit()).isEqualTo(2);
        // picocli names every close command: "get", and since p2phttp also "annex-p2p get or annex-p2p p2phttp?"
        assertThat(misspelt.err()).contains("Did you mean: annex-p2p get");

        GitAnnex.Result unknown = walk(Map.of(), "frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Try 'annex-p2p --help'");

        GitAnnex.Result noKey = walk(Map.of(), "get", "--address", "tcp://127.0.0.1:4242");
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err().lines().findFirst().orElse("")).startsWith("annex-p2p: ").contains("KEY");
    }

    /** Runs the tool as a user would, holding what it prints to {@link UserOutput}. */
    private GitAnnex.Result walk(Map<String, String> env, String... args) throws IOException {
        return walk(env, Duration.ofMinutes(2), args);
    }

    private GitAnnex.Result walk(Map<String, String> env, Duration bound, String... args) throws IOException {
        return UserOutput.assertClean(AnnexP2p.run(tmp, new HashMap<>(env), bound, args), "annex-p2p " + String.join(" ", args));
    }

    /** The tool running while the test does other things (a server, a wormhole sender), its output also in {@code log}. */
    private RunningCommand background(Path log, String... args) throws IOException {
        return AnnexP2p.command(args).in(tmp).log(log).typing().start();
    }

    private static int closedTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
