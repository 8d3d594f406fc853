package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 6(a): our client against the real `git-annex-shell p2pstdio` of git-annex 10.20230126. */
class OurClientAgainstGitAnnexShellIT {
    @TempDir
    static Path tmp;
    static Path repo;
    static String key;
    static byte[] content;
    static final String CLIENT_UUID = "7e57c11e-0000-4000-8000-00000000c11e";

    @BeforeAll
    static void repository() throws Exception {
        GitAnnex.requireInstalled();
        repo = GitAnnex.initRepo(tmp.resolve("server"), "server");
        content = new byte[300_000];
        new Random(42).nextBytes(content);
        key = GitAnnex.addFile(repo, "big.bin", content);
    }

    static String shell() {
        return "git-annex-shell p2pstdio " + repo + " " + CLIENT_UUID;
    }

    static GitAnnex.Result tool(Map<String, String> env, String... args) throws Exception {
        return AnnexP2p.run(tmp, env, args);
    }

    @Test
    void getsContentAndResumesFromAPartialFile() throws Exception {
        Path out = tmp.resolve("got.bin");
        tool(Map.of(), "get", "--exec", shell(), key, out.toString()).ok();
        assertThat(Files.readAllBytes(out)).isEqualTo(content);

        // What an interrupted get leaves: the bytes so far beside OUTFILE, under the name `get --help` gives.
        Path resumed = tmp.resolve("resumed.bin");
        Path partial = tmp.resolve(".resumed.bin." + AnnexedContent.sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16)
                + ".annex-p2p-partial");
        Files.write(partial, Arrays.copyOf(content, 123_456));
        GitAnnex.Result r = tool(Map.of(), "get", "--debug", "--exec", shell(), key, resumed.toString()).ok();
        assertThat(r.err()).contains("P2P > GET 123456  " + key).contains("P2P < DATA " + (300_000 - 123_456));
        assertThat(Files.readAllBytes(resumed)).isEqualTo(content);
        assertThat(partial).doesNotExist();
    }

    @Test
    void putIsStoredAndVerifiedByGitAnnex() throws Exception {
        byte[] fresh = "fresh content for put\n".getBytes();
        Path src = tmp.resolve("fresh.txt");
        Files.write(src, fresh);
        String freshKey = AnnexedContent.of(fresh, ".txt").keyText();
        tool(Map.of(), "put", "--exec", shell(), freshKey, src.toString()).ok();
        GitAnnex.run(repo, Map.of(), "git", "annex", "fsck", "--key", freshKey).ok();
        assertThat(tool(Map.of(), "checkpresent", "--exec", shell(), freshKey).ok().out()).isEqualTo("present\n");
        // A second put is answered ALREADY-HAVE and succeeds too.
        assertThat(tool(Map.of(), "put", "--debug", "--exec", shell(), freshKey, src.toString()).ok().err())
                .contains("P2P < ALREADY-HAVE");
    }

    @Test
    void checkPresentLockAndRemove() throws Exception {
        assertThat(tool(Map.of(), "checkpresent", "--exec", shell(), key).ok().out()).isEqualTo("present\n");
        GitAnnex.Result absent = tool(Map.of(), "checkpresent", "--exec", shell(),
                "SHA256E-s5--0000000000000000000000000000000000000000000000000000000000000000.bin");
        assertThat(absent.exit()).isEqualTo(1);
        assertThat(absent.out()).isEqualTo("absent\n");
        assertThat(tool(Map.of(), "lock", "--debug", "--exec", shell(), key).ok().err())
                .contains("P2P > LOCKCONTENT " + key).contains("P2P < SUCCESS").contains("P2P > UNLOCKCONTENT");

        byte[] doomed = "to be removed\n".getBytes();
        String doomedKey = GitAnnex.addFile(repo, "doomed.txt", doomed);
        tool(Map.of(), "remove", "--exec", shell(), doomedKey).ok();
        assertThat(tool(Map.of(), "checkpresent", "--exec", shell(), doomedKey).exit()).isEqualTo(1);
    }

    @Test
    void readOnlyAndAppendOnlyRefusalsAreReportedInGitAnnexsWords() throws Exception {
        byte[] b = "refused\n".getBytes();
        Path src = tmp.resolve("refused.txt");
        Files.write(src, b);
        String k = AnnexedContent.of(b, ".txt").keyText();
        GitAnnex.Result ro = tool(Map.of("GIT_ANNEX_SHELL_READONLY", "1"), "put", "--exec", shell(), k, src.toString());
        assertThat(ro.exit()).isEqualTo(1);
        assertThat(ro.err()).contains("this repository is read-only; write access denied");
        GitAnnex.Result ao = tool(Map.of("GIT_ANNEX_SHELL_APPENDONLY", "1"), "remove", "--exec", shell(), key);
        assertThat(ao.exit()).isEqualTo(1);
        assertThat(ao.err()).contains("this repository is append-only; removal denied");
        assertThat(tool(Map.of(), "checkpresent", "--exec", shell(), key).out()).isEqualTo("present\n");
    }
}
