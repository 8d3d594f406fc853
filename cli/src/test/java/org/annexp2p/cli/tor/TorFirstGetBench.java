package org.annexp2p.cli.tor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Line;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first GET over Tor, timed on the private Tor network: {@code enable-tor} in a fresh repository, then
 * {@code serve --tor}, and as soon as serve names its onion a client's {@code get} of a small key through another
 * tor (the network's client, as a peer's own tor). Each run prints its phases, read off the commands' own messages;
 * {@code -Dfirstget.runs=N} repeats it and prints min/median/max (bench/tor-first-get.sh), {@code
 * -Dfirstget.launcher=PATH} runs the commands through a launcher such as bin/annex-p2p instead of {@code java -jar};
 * {@code PATH,PATH2} alternates two launchers from run to run (two builds compared side by side), with figures for
 * each. {@code -Dfirstget.modes=offline,check} alternates, the same way, enable-tor as it is (the address made without
 * tor, serve the only publication) with {@code enable-tor --check} (published and checked before it returns, then
 * published again by serve).
 *
 * <p>Not an {@code *IT}: failsafe gives every IT class of this module a JVM and a private network of its own (most of a
 * minute), and TorEndToEndIT covers the same commands; {@code -Dit.test=TorFirstGetBench} runs it.
 */
@ExtendWith(PrivateTorNetworkExtension.class)
class TorFirstGetBench {
    @TempDir
    Path tmp;

    @Test
    void enableTorServeAndAPeersGetOverTheOnion(PrivateTorNetwork network) throws Exception {
        GitAnnex.requireInstalled();
        Map<String, String> env = new HashMap<>();
        env.put("ANNEX_P2P_TOR_SOCKS", "127.0.0.1:" + network.clientSocks().getPort());
        env.put("ANNEX_P2P_TOR_CONTROL", network.clientControl());
        int runs = Integer.getInteger("firstget.runs", 1);
        List<String> launchers = List.of(System.getProperty("firstget.launcher", "").split(","));
        List<String> modes = List.of(System.getProperty("firstget.modes", "offline").split(","));
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            String launcher = launchers.get((run - 1) % launchers.size());
            String mode = modes.get((run - 1) % modes.size());
            Map<String, Long> one = once(network, env, tmp.resolve("run" + run), launcher, mode.equals("check"));
            String tag = (launchers.size() > 1 ? " [" + launcher + "]" : "") + (modes.size() > 1 ? " [" + mode + "]" : "");
            System.out.println("first get, run " + run + tag + ": " + one);
            one.forEach((k, v) -> phases.computeIfAbsent(k + tag, x -> new ArrayList<>()).add(v));
        }
        phases.forEach((name, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            System.out.printf("first-get figure: %s runs=%d min=%.2f median=%.2f max=%.2f%n", name, sorted.size(),
                    sorted.get(0) / 1000.0, sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
        });
    }

    /** One sequence; the phases' end times in milliseconds since enable-tor was started. */
    private Map<String, Long> once(PrivateTorNetwork network, Map<String, String> env, Path dir, String launcher,
            boolean check) throws Exception {
        Path server = GitAnnex.initRepo(dir.resolve("server"), "server");
        byte[] content = new byte[4096];
        new Random(dir.hashCode()).nextBytes(content);
        String key = GitAnnex.addFile(server, "small.bin", content);
        String token = AnnexP2p.run(dir, env, "token", "--repo", server.toString()).ok().out().trim();
        String[] tor = {"--tor", "launch", "--tor-extra-config", network.joinTorrc().toString()};
        Map<String, Long> at = new LinkedHashMap<>();
        long origin = System.nanoTime();
        System.out.println("first get: enable-tor starts at " + java.time.Instant.now());
        String address;
        String[] enableArgs = check
                ? new String[] {"enable-tor", "--check", "--debug", "--repo", server.toString(), tor[0], tor[1], tor[2], tor[3]}
                : new String[] {"enable-tor", "--repo", server.toString()};
        try (RunningCommand enable = command(launcher, enableArgs).env(env).start()) {
            assertThat(enable.awaitExit(Duration.ofSeconds(300))).as(enable.err()).isZero();
            long exited = System.nanoTime();
            // tor's events are told as they come: one that came before we listened (a quick bootstrap) has no line
            for (String[] phase : new String[][] {{"enable-tor JVM up", check ? "starting tor" : "recorded in"},
                    {"enable-tor address recorded", "recorded in"}, {"enable-tor bootstrapped", "tor: bootstrapped 100"},
                    {"enable-tor uploaded", "uploaded to"}, {"enable-tor reachable", "Tor onion service is working"}}) {
                line(enable, phase[1]).ifPresent(l -> at.put(phase[0], l.millisSince(origin)));
            }
            at.put("enable-tor exited", (exited - origin) / 1_000_000);
            address = enable.out().trim();
        }
        assertThat(address).matches("tor-annex::[a-z2-7]{56}\\.onion:\\d+");
        Path got = dir.resolve("got.bin");
        try (RunningCommand serve = command(launcher, "serve", "--debug", "--repo", server.toString(), tor[0], tor[1],
                tor[2], tor[3]).env(env).start()) {
            serve.awaitErr(lineWith("on " + address), Duration.ofSeconds(120));
            at.put("serve onion added", line(serve, "on " + address).orElseThrow().millisSince(origin));
            try (RunningCommand get = command(launcher, "get", "--debug", "--address", address, "--token", token, key,
                    got.toString()).env(env).start()) {
                int exit = get.awaitExit(Duration.ofSeconds(180));
                at.put("get done", (System.nanoTime() - origin) / 1_000_000);
                assertThat(exit).as("get; its stderr:%n%s%nserve's:%n%s", get.err(), serve.err()).isZero();
                line(get, "retrying").ifPresent(l -> at.put("get first retry", l.millisSince(origin)));
                line(get, "P2P > AUTH").ifPresent(l -> at.put("get connected", l.millisSince(origin)));
                line(get, "P2P < DATA").ifPresent(l -> at.put("get data", l.millisSince(origin)));
                line(get, "P2P > SUCCESS").ifPresent(l -> at.put("get verified", l.millisSince(origin)));
            }
            // serve's own check of its onion, which may end after the get
            serve.awaitErr(lineWith("onion reachable through Tor"), Duration.ofSeconds(120));
            line(serve, "tor: bootstrapped 100").ifPresent(l -> at.put("serve bootstrapped", l.millisSince(origin)));
            line(serve, "uploaded to").ifPresent(l -> at.put("serve uploaded", l.millisSince(origin)));
            line(serve, "onion reachable through Tor").ifPresent(l -> at.put("serve reachable", l.millisSince(origin)));
        }
        assertThat(Files.readAllBytes(got)).isEqualTo(content);
        return at;
    }

    private static Command command(String launcher, String... args) {
        return (launcher.isEmpty() ? AnnexP2p.command() : Command.of(launcher)).args(args);
    }

    /** The first line of its stderr holding {@code text}, with when it arrived. */
    private static Optional<Line> line(RunningCommand c, String text) {
        return c.errLines().stream().filter(l -> l.text().contains(text)).findFirst();
    }

    /** A whole line holding {@code text}: once it matches, {@link #line} finds that line. */
    private static Pattern lineWith(String text) {
        return Pattern.compile(Pattern.quote(text) + ".*\\n");
    }
}
