package org.annexp2p.cli.tor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.tor.privnet.PrivateTorNetwork;
import org.annexp2p.tor.privnet.PrivateTorNetworkExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, end to end on a real private Tor network on 127.0.0.1: enable-tor (no root, the key and address made
 * without tor), enable-tor --check (the same address published and measured reachable) → serve --tor → p2p --gen-addresses → git clone tor-annex:: through our remote helper → annex-p2p
 * get over the onion → real `git annex p2p --link` and `git annex get` / `copy --to` over the onion, with each of the
 * two git-annex releases (one Tor network and one server for both).
 */
@ExtendWith(PrivateTorNetworkExtension.class)
class TorEndToEndIT {
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
    void enableTorServeCloneGetAndGitAnnexOverTheOnion(PrivateTorNetwork network) throws Exception {
        GitAnnex.requireInstalled();
        InetSocketAddress annexSocks = network.gitAnnexSocks().orElseThrow(() -> new AssertionError(
                "127.0.0.1:9050 was taken when the private Tor network started; git-annex can only dial there"));
        String socks = "127.0.0.1:" + network.clientSocks().getPort();
        Map<String, String> env = new HashMap<>();
        env.put("ANNEX_P2P_TOR_SOCKS", socks);
        String[] torArgs = {"--tor", "launch", "--tor-extra-config", network.joinTorrc().toString()};

        Path server = GitAnnex.initRepo(tmp.resolve("server"), "server");
        byte[] content = new byte[300_000];
        new Random(5).nextBytes(content);
        String key = GitAnnex.addFile(server, "over-tor.bin", content);

        // 1. enable-tor: an onion address made without tor, in p2paddrs; then enable-tor --check publishes that
        // same key through tor and measures reachability: the address tor serves is the one made without it.
        GitAnnex.Result enabled = step("enable-tor", AnnexP2p.run(tmp, env, java.time.Duration.ofMinutes(5),
                concat(List.of("enable-tor", "--repo", server.toString()), torArgs)));
        String address = enabled.out().trim();
        assertThat(address).matches("tor-annex::[a-z2-7]{56}\\.onion:\\d+");
        assertThat(enabled.err()).contains("the address is ready: `annex-p2p serve --tor` publishes it")
                .doesNotContain("starting tor");
        assertThat(Files.readString(server.resolve(".git/annex/creds/p2paddrs"))).contains(address);
        Path key0600 = server.resolve(".git/annex/creds/annex-p2p-onion-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key0600))).isEqualTo("rw-------");
        GitAnnex.Result checked = step("enable-tor --check", AnnexP2p.run(tmp, env, java.time.Duration.ofMinutes(5),
                concat(List.of("enable-tor", "--check", "--debug", "--repo", server.toString(), "--timeout", "180"), torArgs)));
        assertThat(checked.out().trim()).as("a persistent key gives the same address, through tor too").isEqualTo(address);
        Matcher reachable = Pattern.compile("reachable ([0-9.]+) s").matcher(checked.err());
        assertThat(reachable.find()).as(checked.err()).isTrue();
        System.out.println("time to reachable onion (enable-tor --check, private network): " + reachable.group(1) + " s");

        // 2. serve --tor in the background.
        List<String> serveArgv = new ArrayList<>(List.of("java", "-jar", AnnexP2p.jar().toString(), "serve", "--debug",
                "--repo", server.toString()));
        serveArgv.addAll(List.of(torArgs));
        serve = Command.of(serveArgv).env(env).log(tmp.resolve("serve.log")).start();
        awaitLine("on " + address);
        // Its new descriptor replaces the one enable-tor --check's (now stopped) tor left on the directories.
        awaitLine("onion reachable through Tor");

        // 3. addresses with fresh tokens, in git-annex's format.
        String line = step("p2p --gen-addresses", AnnexP2p.run(tmp, env, "p2p", "--gen-addresses", "--repo",
                server.toString())).out().trim();
        assertThat(line).startsWith(address + ":").matches(".*:[0-9a-f]{128}");
        String token = line.substring(line.lastIndexOf(':') + 1);

        // 4. annex-p2p get over the onion.
        Path out = tmp.resolve("got.bin");
        step("get over the onion", AnnexP2p.run(tmp, env, java.time.Duration.ofMinutes(3), "get", "--address", address,
                "--token", token, key, out.toString()));
        assertThat(Files.readAllBytes(out)).isEqualTo(content);
        GitAnnex.Result wrong = AnnexP2p.run(tmp, env, "get", "--address", address, "--token", "wrong", key,
                tmp.resolve("x").toString());
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("authentication failed");

        // 5. git clone through our git-remote-tor-annex.
        Map<String, String> gitEnv = new HashMap<>(env);
        gitEnv.put("PATH", AnnexP2p.remoteHelperDir(tmp) + ":" + System.getenv("PATH"));
        gitEnv.put("GIT_ANNEX_P2P_AUTHTOKEN", token);
        step("git clone tor-annex::", GitAnnex.run(tmp, gitEnv, "git", "clone", "-q", address, tmp.resolve("cloned").toString()));
        assertThat(Files.isSymbolicLink(tmp.resolve("cloned/over-tor.bin"))).isTrue();

        // 6. real git-annex, each release with a client of its own: p2p --link over its SOCKS port 9050, then get and
        // copy --to over the onion.
        for (GitAnnexVersions.Release release : GitAnnexVersions.both()) {
            gitAnnexOverTheOnion(release, server, line, content);
        }
        assertThat(annexSocks.getPort()).isEqualTo(9050);

        // 7. SIGTERM, as systemd stops it: serve closes its onion and the tor it launched, says so, exits 0.
        List<ProcessHandle> tors = serve.handle().descendants().filter(p -> p.info().command().orElse("").endsWith("/tor")).toList();
        assertThat(tors).as("the tor serve launched").hasSize(1);
        serve.signal("TERM");
        assertThat(serve.exitsWithin(Duration.ofSeconds(60))).as("serve exited after SIGTERM").isTrue();
        int exit = serve.awaitExit(Duration.ofSeconds(60));
        String log = serve.said();
        assertThat(exit).as("exit code; log:%n%s", log).isZero();
        assertThat(log).contains("annex-p2p: stopped serving " + address + " (SIGTERM)");
        ProcessHandle tor = tors.get(0);
        tor.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> tor).join();
        assertThat(tor.isAlive()).as("serve's tor (pid %d) after serve exited", tor.pid()).isFalse();
    }

    @Test
    void badAddressesAreOneLineUsageErrors(PrivateTorNetwork network) throws Exception {
        GitAnnex.Result r = AnnexP2p.run(tmp, Map.of(), "get", "--address", "tor-annex::notanonion.onion:80",
                "--tor-socks", "127.0.0.1:" + network.clientSocks().getPort(), "SHA256E-s1--00.bin", tmp.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("onion");
    }

    private void gitAnnexOverTheOnion(GitAnnexVersions.Release release, Path server, String line, byte[] content)
            throws Exception {
        Map<String, String> env = release.env();
        Path client = GitAnnex.initRepo(release, tmp.resolve("client-" + release.protocolVersion()), "client");
        step(release + ": git annex p2p --link", GitAnnex.run(client, env,
                (line + "\n").getBytes(StandardCharsets.US_ASCII), "git", "annex", "p2p", "--link", "--name", "onion"));
        assertThat(GitAnnex.run(client, env, "git", "config", "remote.onion.annex-uuid").ok().out().trim())
                .isEqualTo(GitAnnex.uuid(server));
        GitAnnex.run(client, env, "git", "remote", "add", "meta", server.toString()).ok();
        GitAnnex.run(client, env, "git", "fetch", "-q", "meta").ok();
        GitAnnex.run(client, env, "git", "annex", "merge").ok();
        GitAnnex.run(client, env, "git", "merge", "-q", "meta/master").ok();
        GitAnnex.run(client, env, "git", "config", "remote.meta.annex-ignore", "true").ok();
        step(release + ": git annex get over the onion", GitAnnex.run(client, env, "git", "annex", "get", "--from",
                "onion", "over-tor.bin"));
        assertThat(Files.readAllBytes(client.resolve("over-tor.bin"))).isEqualTo(content);
        byte[] back = ("written on the " + release + " client, sent over tor\n").getBytes(StandardCharsets.US_ASCII);
        String backKey = GitAnnex.addFile(release, client, "back.txt", back);
        step(release + ": git annex copy --to over the onion", GitAnnex.run(client, env, "git", "annex", "copy", "--to",
                "onion", "back.txt"));
        assertThat(GitAnnex.run(server, env, "git", "annex", "whereis", "--key", backKey).ok().out())
                .contains(GitAnnex.uuid(server));
        assertThat(GitAnnex.run(client, env, "git", "annex", "whereis", "back.txt").ok().out())
                .contains(GitAnnex.uuid(server)).contains("onion");
    }

    private static GitAnnex.Result step(String what, GitAnnex.Result r) {
        if (r.exit() != 0) {
            fail(what + " failed (exit " + r.exit() + "):\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
        }
        return r;
    }

    private static String[] concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    /** Waits for serve to say {@code text}; if it does not within 180 s, stops it and fails showing what it said. */
    private void awaitLine(String text) throws InterruptedException {
        serve.await(Pattern.compile(Pattern.quote(text)), Duration.ofSeconds(180));
    }
}
