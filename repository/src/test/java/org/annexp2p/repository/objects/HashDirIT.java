package org.annexp2p.repository.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.WireText;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.annex.GitAnnexVersions.Release;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our hash directories and object paths against each git-annex release's own answers. */
class HashDirIT {
    @TempDir
    Path tmp;

    @AfterEach
    void thaw() {
        GitAnnexFixture.thawAll(tmp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void generatedKeysMatchExaminekeyInWorkTreeAndBareRepositories(Release release) throws Exception {
        // --batch splits its input at whitespace, so keys with spaces are checked one by one below.
        List<Key> keys = Keys.keys().filter(k -> !hasSpace(k)).sampleStream().limit(250).toList();
        for (boolean bare : List.of(false, true)) {
            Path dir = GitAnnexFixture.newRepository(release.env(), tmp, bare ? "bare" : "worktree", bare);
            AnnexRepository repo = AnnexRepository.open(dir);
            String input = keys.stream().map(k -> k.serialize() + "\n").collect(Collectors.joining());
            List<String> answers = GitAnnexFixture.lines(GitAnnexFixture.ok(release.env(), dir, input, "git", "annex",
                    "examinekey", "--batch", "--format=${hashdirmixed} ${hashdirlower} ${objectpath}\n"));
            assertThat(answers).hasSize(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                String[] a = answers.get(i).split(" ", 3);
                assertThat(HashDir.MIXED.format(key)).as("hashdirmixed of %s", key).isEqualTo(a[0]);
                assertThat(HashDir.LOWER.format(key)).as("hashdirlower of %s", key).isEqualTo(a[1]);
                if (FileNames.component(key.fileName() + ".lck").isRight()) {
                    String ours = WireText.ofUnicode(dir.relativize(repo.objectPath(key)).toString());
                    assertThat(ours).as("object path of %s (bare=%s)", key, bare)
                            .isEqualTo(a[2].startsWith("./") ? a[2].substring(2) : a[2]);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void keysWithSpacesMatchFind(Release release) throws Exception {
        // examinekey cuts its argument at the first space, so these keys go through fromkey + find instead.
        Path dir = GitAnnexFixture.newRepository(release.env(), tmp, "spaces", false);
        List<Key> keys = Keys.keys().filter(HashDirIT::hasSpace).sampleStream().limit(10).toList();
        List<String> command = new java.util.ArrayList<>(List.of("git", "annex", "fromkey", "--force"));
        for (int i = 0; i < keys.size(); i++) {
            command.add(new String(WireText.toBytes(keys.get(i).serialize()), java.nio.charset.StandardCharsets.UTF_8));
            command.add("file" + i);
        }
        GitAnnexFixture.ok(release.env(), dir, null, command.toArray(String[]::new));
        List<String> found = GitAnnexFixture.lines(GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "find",
                "--include=*", "--format=${hashdirmixed} ${hashdirlower} ${key}\n"));
        assertThat(found).hasSize((int) keys.stream().distinct().count());
        for (String line : found) {
            String[] f = line.split(" ", 3);
            Key key = Key.parse(f[2]).get();
            assertThat(keys).contains(key);
            assertThat(HashDir.MIXED.format(key)).as("hashdirmixed of %s", key).isEqualTo(f[0]);
            assertThat(HashDir.LOWER.format(key)).as("hashdirlower of %s", key).isEqualTo(f[1]);
        }
    }

    private static boolean hasSpace(Key k) {
        String s = k.serialize();
        for (int i = 0; i < s.length(); i++) {
            if (WireText.spaceAt(s, i) > 0) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void addedFilesMatchFind(Release release) throws Exception {
        Path dir = GitAnnexFixture.newRepository(release.env(), tmp, "repo", false);
        for (String name : List.of("a.txt", "b", "c.tar.gz", "d é.dat")) {
            Files.writeString(dir.resolve(name), "content of " + name + "\n");
        }
        GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "add", "-q", ".");
        List<String> found = GitAnnexFixture.lines(GitAnnexFixture.ok(release.env(), dir, null, "git", "annex", "find",
                "--format=${hashdirmixed} ${hashdirlower} ${key}\n"));
        assertThat(found).hasSize(4);
        for (String line : found) {
            String[] f = line.split(" ", 3);
            Key key = Key.parse(f[2]).get();
            assertThat(HashDir.MIXED.format(key)).isEqualTo(f[0]);
            assertThat(HashDir.LOWER.format(key)).isEqualTo(f[1]);
        }
    }
}
