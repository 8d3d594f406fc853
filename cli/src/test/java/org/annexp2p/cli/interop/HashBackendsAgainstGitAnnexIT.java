package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys of git-annex's hash backends the JDK has no digest for (Skein, BLAKE2*), between real git-annex (both
 * releases) and us, both ways: its client copies them to our server and gets them back (each side verifying
 * what it receives); our client gets them from its git-annex-shell, and refuses an object there that a byte
 * flip has made wrong, which it used to accept on its size.
 */
class HashBackendsAgainstGitAnnexIT {
    /** Every hash backend whose digest is not the JDK's, with E (the hash is the same without). */
    private static final List<String> BACKENDS = List.of("SKEIN256E", "SKEIN512E", "BLAKE2B256E", "BLAKE2B512E",
            "BLAKE2B160E", "BLAKE2B224E", "BLAKE2B384E", "BLAKE2BP512E", "BLAKE2S256E", "BLAKE2S160E", "BLAKE2S224E",
            "BLAKE2SP256E", "BLAKE2SP224E");
    private static final String CLIENT_UUID = "7e57c11e-0000-4000-8000-00000000c11e";

    @TempDir
    Path tmp;
    /** File name to content, and file name to the key git-annex made for it. */
    final Map<String, byte[]> contents = new LinkedHashMap<>();
    final Map<String, String> keys = new LinkedHashMap<>();
    Path annexed;
    Map<String, String> env;

    void filesOfEveryBackend(GitAnnexVersions.Release release) throws Exception {
        env = release.env();
        annexed = GitAnnex.initRepo(release, tmp.resolve("annexed"), "annexed");
        Random random = new Random(2024);
        StringBuilder attributes = new StringBuilder();
        for (String backend : BACKENDS) {
            byte[] content = new byte[1 + random.nextInt(150_000)];
            random.nextBytes(content);
            String file = "f-" + backend + ".bin";
            Files.write(annexed.resolve(file), content);
            contents.put(file, content);
            attributes.append(file).append(" annex.backend=").append(backend).append('\n');
        }
        Files.writeString(annexed.resolve(".gitattributes"), attributes);
        GitAnnex.run(annexed, env, "git", "annex", "add", "-q", ".").ok();
        GitAnnex.run(annexed, env, "git", "commit", "-q", "-m", "every backend").ok();
        for (String file : contents.keySet()) {
            String key = GitAnnex.run(annexed, env, "git", "annex", "lookupkey", file).ok().out().trim();
            assertThat(key).startsWith(file.substring(2, file.length() - 4) + "-");
            keys.put(file, key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void gitAnnexCopiesEveryBackendToOurServerAndGetsItBack(GitAnnexVersions.Release release) throws Exception {
        filesOfEveryBackend(release);
        Path server = GitAnnex.initRepo(release, tmp.resolve("server"), "server");
        Map<String, String> env = release.env(Map.of("GIT_SSH", AnnexP2p.fakeSsh(tmp).toString(),
                "GIT_ANNEX_USE_GIT_SSH", "1"));
        GitAnnex.run(annexed, env, "git", "remote", "add", "jsrv", "localhost:" + server).ok();
        GitAnnex.run(annexed, env, "git", "config", "remote.jsrv.annex-shell", AnnexP2p.launcher(tmp).toString()).ok();

        GitAnnex.run(annexed, env, "git", "annex", "copy", "--to", "jsrv", ".").ok();
        for (String key : keys.values()) {
            // "(checksum...)": git-annex hashed what our server stored.
            assertThat(GitAnnex.run(server, env, "git", "annex", "fsck", "--key", key).ok().out())
                    .as(key).contains("(checksum...) ok");
        }
        GitAnnex.run(annexed, env, "git", "annex", "drop", ".").ok();
        GitAnnex.run(annexed, env, "git", "annex", "get", "--from", "jsrv", ".").ok();
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
            assertThat(Files.readAllBytes(annexed.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void ourClientGetsEveryBackendFromGitAnnexShellAndRefusesAForgedObject(GitAnnexVersions.Release release)
            throws Exception {
        filesOfEveryBackend(release);
        String shell = release.gitAnnexShell() + " p2pstdio " + annexed + " " + CLIENT_UUID;
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getValue();
            Path good = tmp.resolve("good-" + e.getKey());
            AnnexP2p.run(tmp, env, "get", "--exec", shell, key, good.toString()).ok();
            assertThat(Files.readAllBytes(good)).as(key).isEqualTo(contents.get(e.getKey()));

            // The peer's object is now other bytes of the same size: what a lying peer would send.
            Path object = annexed.resolve(GitAnnex.run(annexed, env, "git", "annex", "contentlocation", key)
                    .ok().out().trim());
            object.getParent().toFile().setWritable(true, true);
            object.toFile().setWritable(true, true);
            byte[] forged = contents.get(e.getKey()).clone();
            forged[forged.length / 2] ^= 0x10;
            Files.write(object, forged);

            Path bad = tmp.resolve("bad-" + e.getKey());
            GitAnnex.Result refused = AnnexP2p.run(tmp, env, "get", "--debug", "--exec", shell, key,
                    bad.toString());
            assertThat(refused.exit()).as("%s\n%s", key, refused.err()).isNotZero();
            // All the bytes came (VALID), and our client answered that it does not have the content.
            assertThat(refused.err()).as(key).contains("P2P < VALID").contains("P2P > FAILURE");
            assertThat(bad).as(key).doesNotExist();
        }
    }
}
