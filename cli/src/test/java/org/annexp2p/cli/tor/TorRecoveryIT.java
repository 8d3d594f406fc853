package org.annexp2p.cli.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21 as a user meets it, on the private Tor network: `serve --tor launch` for one repository and
 * `enable-tor --check --tor launch` for another at the same time; then serve's tor is SIGKILLed, idle and during a
 * transfer: serve says why tor went and when the onion is back, a client reaches it again within 30 s (its tor's
 * control port is known, so it asks tor to fetch the descriptor again as it retries; docs/tor.md), the
 * interrupted transfer fails with one clear line, and the client's retry resumes from what it kept.
 */
@ExtendWith(PrivateTorNetworkExtension.class)
class TorRecoveryIT {
    /** Issue 21's bound on every recovery. */
    static final Duration RECOVERY_TARGET = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    RunningCommand serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    void twoRepositoriesLaunchTorAtOnceAndAKilledTorComesBackWithinThirtySeconds(PrivateTorNetwork network) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ANNEX_P2P_TOR_SOCKS", "127.0.0.1:" + network.clientSocks().getPort());
        env.put("ANNEX_P2P_TOR_CONTROL", network.clientControl());
        List<String> torArgs = List.of("--tor", "launch", "--tor-extra-config", network.joinTorrc().toString());
        Path a = GitAnnex.initRepo(tmp.resolve("a"), "a");
        Path b = GitAnnex.initRepo(tmp.resolve("b"), "b");
        byte[] small = "small, for probing\n".getBytes();
        String smallKey = GitAnnex.addFile(a, "small.txt", small);
        byte[] big = new byte[24 << 20];
        new Random(21).nextBytes(big);
        String bigKey = GitAnnex.addFile(a, "big.bin", big);
        String address = step("enable-tor a", AnnexP2p.run(tmp, env, Duration.ofMinutes(5),
                args(List.of("enable-tor", "--repo", a.toString(), "--timeout", "180"), torArgs))).out().trim();

        List<String> argv = new ArrayList<>(List.of("java", "-jar", AnnexP2p.jar().toString(), "serve", "--repo", a.toString()));
        argv.addAll(torArgs);
        serve = Command.of(argv).env(env).log(tmp.resolve("serve.log")).start();
        awaitLine("onion reachable through Tor: ");

        // Part 1: another repository launches its own tor while serve's runs.
        step("enable-tor b while a is served", AnnexP2p.run(tmp, env, Duration.ofMinutes(5),
                args(List.of("enable-tor", "--check", "--repo", b.toString(), "--timeout", "180"), torArgs)));

        String line = step("p2p --gen-addresses", AnnexP2p.run(tmp, env, "p2p", "--gen-addresses", "--repo", a.toString())).out().trim();
        String token = line.substring(line.lastIndexOf(':') + 1);

        // Part 2a: tor killed while idle.
        long t0 = killServesTor();
        awaitLine("annex-p2p: tor exited (killed by signal 9); restarting it");
        int attempts = 0;
        while (true) {
            attempts++;
            GitAnnex.Result r = AnnexP2p.run(tmp, env, Duration.ofMinutes(3), "get", "--address", address, "--token", token,
                    smallKey, tmp.resolve("small-" + attempts).toString());
            if (r.exit() == 0) {
                break;
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("still unreachable; last try:%n%s", r.err())
                    .isLessThan(Duration.ofMinutes(4));
            TimeUnit.SECONDS.sleep(2);
        }
        Duration idle = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("tor killed while idle: GET worked again after %.1f s (%d tries)%s%n", idle.toNanos() / 1e9, attempts,
                idle.compareTo(RECOVERY_TARGET) > 0 ? " (over the 30 s target)" : "");
        assertThat(Files.readAllBytes(tmp.resolve("small-" + attempts))).isEqualTo(small);
        Matcher republished = Pattern.compile("annex-p2p: tor relaunched at \\S+, onion re-published ([0-9.]+) s after tor went away")
                .matcher(serve.said());
        assertThat(republished.find()).as(serve.said()).isTrue();
        awaitLine("onion reachable through Tor again: ");
        assertThat(idle).as("time from SIGKILL to a working GET").isLessThanOrEqualTo(RECOVERY_TARGET);

        // Part 2b: tor killed during a transfer: the GET fails with one clear line, its retry resumes.
        Path out = tmp.resolve("big.bin");
        List<String> get = new ArrayList<>(List.of("java", "-jar", AnnexP2p.jar().toString(), "get", "--address", address,
                "--token", token, bigKey, out.toString()));
        Path partial;
        long t1;
        String err;
        try (RunningCommand transfer = Command.of(get).env(env).start()) {
            partial = awaitPartial(tmp, transfer);
            t1 = killServesTor();
            assertThat(transfer.exitsWithin(Duration.ofMinutes(3))).as("the interrupted GET ended").isTrue();
            int exit = transfer.awaitExit(Duration.ofMinutes(1));
            err = transfer.err();
            assertThat(exit).as(err).isNotZero();
        }
        // the progress summary, then the error: one line that says what happened and that the bytes are kept
        List<String> errors = err.strip().lines().filter(l -> l.startsWith("annex-p2p: ")).toList();
        assertThat(errors).as(err).hasSize(1);
        assertThat(errors.get(0)).contains("bytes received are kept, and get resumes from them");
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
        long kept = Files.size(partial);
        assertThat(kept).as("bytes kept for the retry").isPositive().isLessThan(big.length);
        GitAnnex.Result retry = null;
        for (int i = 0; i < 20 && (retry == null || retry.exit() != 0); i++) {
            if (retry != null) {
                TimeUnit.SECONDS.sleep(2);
            }
            retry = AnnexP2p.run(tmp, env, Duration.ofMinutes(3), "get", "--debug", "--address", address, "--token", token,
                    bigKey, out.toString());
        }
        step("the retried GET", retry);
        System.out.printf("tor killed during a transfer: retried GET done %.1f s after the kill, resumed from %d bytes%n",
                (System.nanoTime() - t1) / 1e9, kept);
        assertThat(Files.readAllBytes(out)).isEqualTo(big);
        Matcher resumedAt = Pattern.compile("P2P > GET (\\d+) ").matcher(retry.err());
        assertThat(resumedAt.find()).as(retry.err()).isTrue();
        assertThat(Long.parseLong(resumedAt.group(1))).as("the retry asked from the offset it kept").isGreaterThanOrEqualTo(kept);
    }

    /** SIGKILLs the tor serve launched; returns when. */
    private long killServesTor() {
        List<ProcessHandle> tors = serve.handle().descendants().filter(p -> p.info().command().orElse("").endsWith("/tor")).toList();
        assertThat(tors).as("the tor serve launched").hasSize(1);
        long t = System.nanoTime();
        tors.get(0).destroyForcibly();
        return t;
    }

    private static Path awaitPartial(Path dir, RunningCommand transfer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && transfer.alive()) {
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".annex-p2p-partial")).toList()) {
                    if (Files.size(p) > (1 << 20)) {
                        return p;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        fail("no partial download appeared; get: " + transfer.err());
        return null;
    }

    private static GitAnnex.Result step(String what, GitAnnex.Result r) {
        if (r.exit() != 0) {
            fail(what + " failed (exit " + r.exit() + "):\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
        }
        return r;
    }

    private static String[] args(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    /** Waits for serve to say {@code text}; if it does not within 180 s, stops it and fails showing what it said. */
    private void awaitLine(String text) throws InterruptedException {
        serve.await(Pattern.compile(Pattern.quote(text)), Duration.ofSeconds(180));
    }
}
