package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4, 6(a), 19: our client against the real `git-annex-shell p2pstdio` of both git-annex releases (10.20230126
 * answers VERSION 1, 10.20250416 VERSION 4). One served repository per release, shared by the cases.
 */
class OurClientAgainstGitAnnexShellIT {
    @TempDir
    static Path tmp;
    static final String CLIENT_UUID = "7e57c11e-0000-4000-8000-00000000c11e";
    static final Map<GitAnnexVersions.Release, Served> SERVED = new HashMap<>();

    /** A release's repository with one annexed file, and where the tool's own files go. */
    record Served(GitAnnexVersions.Release release, Path repo, Path work, String key, byte[] content) {
        String shell() {
            return release.gitAnnexShell() + " p2pstdio " + repo + " " + CLIENT_UUID;
        }

        GitAnnex.Result tool(Map<String, String> env, String... args) throws Exception {
            return AnnexP2p.run(work, release.env(env), args);
        }
    }

    static synchronized Served served(GitAnnexVersions.Release release) throws Exception {
        Served s = SERVED.get(release);
        if (s == null) {
            Path dir = Files.createDirectories(tmp.resolve(release.bin().toString().replace('/', '_')));
            Path repo = GitAnnex.initRepo(release, dir.resolve("server"), "server");
            byte[] content = new byte[300_000];
            new Random(42).nextBytes(content);
            s = new Served(release, repo, dir, GitAnnex.addFile(release, repo, "big.bin", content), content);
            SERVED.put(release, s);
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void getsContentAndResumesFromAPartialFile(GitAnnexVersions.Release release) throws Exception {
        Served s = served(release);
        Path tmp = s.work();
        Path out = tmp.resolve("got.bin");
        s.tool(Map.of(), "get", "--exec", s.shell(), s.key(), out.toString()).ok();
        assertThat(Files.readAllBytes(out)).isEqualTo(s.content());

        // What an interrupted get leaves: the bytes so far beside OUTFILE, under the name `get --help` gives.
        Path resumed = tmp.resolve("resumed.bin");
        Path partial = tmp.resolve(".resumed.bin." + AnnexedContent.sha256(s.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16)
                + ".annex-p2p-partial");
        Files.write(partial, Arrays.copyOf(s.content(), 123_456));
        GitAnnex.Result r = s.tool(Map.of(), "get", "--debug", "--exec", s.shell(), s.key(), resumed.toString()).ok();
        assertThat(r.err()).contains("P2P < VERSION " + release.protocolVersion() + "\n")
                .contains("P2P > GET 123456  " + s.key()).contains("P2P < DATA " + (300_000 - 123_456));
        assertThat(Files.readAllBytes(resumed)).isEqualTo(s.content());
        assertThat(partial).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void putIsStoredAndVerifiedByGitAnnex(GitAnnexVersions.Release release) throws Exception {
        Served s = served(release);
        Path tmp = s.work();
        byte[] fresh = "fresh content for put\n".getBytes();
        Path src = tmp.resolve("fresh.txt");
        Files.write(src, fresh);
        String freshKey = AnnexedContent.of(fresh, ".txt").keyText();
        s.tool(Map.of(), "put", "--exec", s.shell(), freshKey, src.toString()).ok();
        GitAnnex.run(s.repo(), release.env(), "git", "annex", "fsck", "--key", freshKey).ok();
        assertThat(s.tool(Map.of(), "checkpresent", "--exec", s.shell(), freshKey).ok().out()).isEqualTo("present\n");
        // A second put is answered ALREADY-HAVE and succeeds too.
        assertThat(s.tool(Map.of(), "put", "--debug", "--exec", s.shell(), freshKey, src.toString()).ok().err())
                .contains("P2P < ALREADY-HAVE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void checkPresentLockAndRemove(GitAnnexVersions.Release release) throws Exception {
        Served s = served(release);
        assertThat(s.tool(Map.of(), "checkpresent", "--exec", s.shell(), s.key()).ok().out()).isEqualTo("present\n");
        GitAnnex.Result absent = s.tool(Map.of(), "checkpresent", "--exec", s.shell(),
                "SHA256E-s5--0000000000000000000000000000000000000000000000000000000000000000.bin");
        assertThat(absent.exit()).isEqualTo(1);
        assertThat(absent.out()).isEqualTo("absent\n");
        assertThat(s.tool(Map.of(), "lock", "--debug", "--exec", s.shell(), s.key()).ok().err())
                .contains("P2P > LOCKCONTENT " + s.key()).contains("P2P < SUCCESS").contains("P2P > UNLOCKCONTENT");

        byte[] doomed = "to be removed\n".getBytes();
        String doomedKey = GitAnnex.addFile(release, s.repo(), "doomed.txt", doomed);
        s.tool(Map.of(), "remove", "--exec", s.shell(), doomedKey).ok();
        assertThat(s.tool(Map.of(), "checkpresent", "--exec", s.shell(), doomedKey).exit()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void readOnlyAndAppendOnlyRefusalsAreReportedInGitAnnexsWords(GitAnnexVersions.Release release) throws Exception {
        Served s = served(release);
        Path tmp = s.work();
        byte[] b = "refused\n".getBytes();
        Path src = tmp.resolve("refused.txt");
        Files.write(src, b);
        String k = AnnexedContent.of(b, ".txt").keyText();
        GitAnnex.Result ro = s.tool(Map.of("GIT_ANNEX_SHELL_READONLY", "1"), "put", "--exec", s.shell(), k, src.toString());
        assertThat(ro.exit()).isEqualTo(1);
        assertThat(ro.err()).contains("this repository is read-only; write access denied");
        GitAnnex.Result ao = s.tool(Map.of("GIT_ANNEX_SHELL_APPENDONLY", "1"), "remove", "--exec", s.shell(), s.key());
        assertThat(ao.exit()).isEqualTo(1);
        assertThat(ao.err()).contains("this repository is append-only; removal denied");
        assertThat(s.tool(Map.of(), "checkpresent", "--exec", s.shell(), s.key()).out()).isEqualTo("present\n");
    }
}
