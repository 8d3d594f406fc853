package org.annexp2p.cli.lan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code annex-p2p doctor --json} as a process: every check listed with a valid status, exit code following the failures. */
class DoctorIT {

    private static final List<String> EXPECTED = List.of("network interfaces", "listener port", "multicast self-test", "own address",
            "confirmation listener", "tor present", "tor bootstrapped", "onion published", "wormhole server", "git-annex present",
            "shell server", "creds permissions");
    private static final Set<String> STATUSES = Set.of("ok", "warn", "fail", "skip");

    @TempDir
    Path dir;

    @BeforeAll
    static void peers() {
        GitAnnex.requireInstalled();
        AnnexP2p.jar();
    }

    @Test
    void jsonListsEveryCheckAndAWorldReadableCredsFileFails() throws Exception {
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "r");
        AnnexP2p.run(dir, Map.of(), "token", "--repo", repo.toString()).ok();

        GitAnnex.Result healthy = doctor(repo);
        JsonNode checks = parse(healthy.out());
        assertThat(names(checks)).containsExactlyElementsOf(EXPECTED);
        assertThat(status(checks, "creds permissions")).isEqualTo("ok");
        assertThat(status(checks, "wormhole server")).as("no server configured: nothing contacted").isEqualTo("skip");
        assertThat(status(checks, "git-annex present")).isEqualTo("ok");
        boolean anyFailed = statuses(checks).contains("fail");
        assertThat(healthy.exit()).as("stderr:%n%s", healthy.err()).isEqualTo(anyFailed ? 1 : 0);
        for (String name : EXPECTED) {
            assertThat(healthy.err()).as("each check is logged as it runs").contains("doctor: " + name + ": ");
        }

        Path p2pauth = repo.resolve(".git/annex/creds/p2pauth");
        Files.setPosixFilePermissions(p2pauth, PosixFilePermissions.fromString("rw-r--r--"));
        GitAnnex.Result exposed = doctor(repo);
        JsonNode after = parse(exposed.out());
        assertThat(names(after)).containsExactlyElementsOf(EXPECTED);
        assertThat(status(after, "creds permissions")).isEqualTo("fail");
        assertThat(after.findValuesAsText("detail")).anyMatch(d -> d.contains("p2pauth"));
        assertThat(exposed.exit()).isEqualTo(1);
    }

    /** In a terminal (a pseudo-terminal from util-linux's script) each result appears once, not once per stream. */
    @Test
    void inATerminalEachResultIsPrintedOnce() throws Exception {
        Path repo = GitAnnex.initRepo(dir.resolve("t"), "t");
        String doctor = String.join(" ", "java", "-jar", "'" + AnnexP2p.jar() + "'", "doctor", "--loopback", "--repo", "'" + repo + "'",
                "--discovery-port", String.valueOf(freeUdpPort()), "--tor-control", "127.0.0.1:" + freeUdpPort());
        GitAnnex.Result r = GitAnnex.run(dir, Map.of("WORMHOLE_RELAY_URL", ""), null, java.time.Duration.ofMinutes(2),
                "script", "-qec", doctor + " 2>&1", "/dev/null");
        for (String name : EXPECTED) {
            assertThat(r.out().lines().filter(l -> l.contains(name)))
                    .as("lines naming %s in:%n%s", name, r.out()).hasSize(1);
        }
        assertThat(r.out()).containsPattern("(nothing failed|check\\(s\\) failed)");
    }

    private GitAnnex.Result doctor(Path repo) throws Exception {
        return AnnexP2p.run(dir, Map.of("WORMHOLE_RELAY_URL", ""), "doctor", "--json", "--loopback", "--repo", repo.toString(),
                "--discovery-port", String.valueOf(freeUdpPort()), "--tor-control", "127.0.0.1:" + freeUdpPort());
    }

    private static JsonNode parse(String out) throws Exception {
        JsonNode root = new ObjectMapper().readTree(out);
        JsonNode checks = root.get("checks");
        assertThat(checks).isNotNull();
        assertThat(checks.isArray()).isTrue();
        for (JsonNode c : checks) {
            assertThat(c.get("name").isTextual()).isTrue();
            assertThat(c.get("detail").isTextual()).isTrue();
            assertThat(STATUSES).contains(c.get("status").asText());
        }
        return checks;
    }

    private static List<String> names(JsonNode checks) {
        List<String> names = new ArrayList<>();
        checks.forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    private static List<String> statuses(JsonNode checks) {
        List<String> s = new ArrayList<>();
        checks.forEach(c -> s.add(c.get("status").asText()));
        return s;
    }

    private static String status(JsonNode checks, String name) {
        for (JsonNode c : checks) {
            if (c.get("name").asText().equals(name)) {
                return c.get("status").asText();
            }
        }
        throw new AssertionError("no check named " + name);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }
}
