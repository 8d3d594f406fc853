package org.annexp2p.interpreters.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.annexp2p.protocol.key.ContentCheck;
import org.annexp2p.protocol.key.HashBackend;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.objects.Verdict;
import org.annexp2p.repository.objects.Verification;
import org.annexp2p.testkit.annex.GitAnnexVersions.Release;
import org.annexp2p.testkit.content.TestPayload;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hash backend each real git-annex release has: the keys it makes when it adds files, we verify; one flipped
 * bit we refuse, also through the receiving path a PUT takes; and what that path stores, git-annex's fsck
 * finds right.
 */
class HashBackendsInteropIT {
    /** Backends that name no hash: git-annex makes their keys from other things than the content. */
    private static final Set<String> WITHOUT_HASH = Set.of("WORM", "URL", "VURL", "GITMANIFEST", "X*");

    @TempDir
    Path tmp;

    @AfterEach
    void thaw() {
        GitAnnexFixture.thawAll(tmp);
    }

    /** The key/value backends `git annex version` lists. */
    private static List<String> gitAnnexBackends(Map<String, String> env, Path dir) {
        String version = GitAnnexFixture.ok(env, dir, null, "git", "annex", "version");
        String line = version.lines().filter(l -> l.startsWith("key/value backends: ")).findFirst().orElseThrow();
        return List.of(line.substring("key/value backends: ".length()).trim().split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void everyHashBackendOfGitAnnexIsVerifiedAsGitAnnexVerifiesIt(Release release) throws IOException {
        Map<String, String> env = release.env();
        Path src = GitAnnexFixture.newRepository(env, tmp, "src", false);
        List<String> backends = gitAnnexBackends(env, src).stream().filter(b -> !WITHOUT_HASH.contains(b)).toList();
        // GITBUNDLE (10.2024 on) is made by git-remote-annex alone, so `add` cannot make one; we verify it too.
        List<String> addable = backends.stream().filter(b -> !b.equals("GITBUNDLE")).toList();
        assertThat(addable).as("git-annex's hash backends are ours, each with and without E")
                .hasSize(2 * HashBackend.values().length)
                .allSatisfy(b -> assertThat(HashBackend.of(b)).as(b).isNotEmpty());

        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Map<String, byte[]> contents = new LinkedHashMap<>();
        StringBuilder attributes = new StringBuilder();
        for (String backend : addable) {
            // Sizes from 1 byte to past a few BLAKE2bp/BLAKE2sp stripes and our 64 KiB read buffer.
            byte[] content = new byte[1 + random.nextInt(random.nextBoolean() ? 2000 : 200_000)];
            random.nextBytes(content);
            String file = "file-" + backend + ".dat";
            Files.write(src.resolve(file), content);
            contents.put(file, content);
            attributes.append(file).append(" annex.backend=").append(backend).append('\n');
        }
        // One `add` for all: .gitattributes names each file's backend.
        Files.writeString(src.resolve(".gitattributes"), attributes);
        GitAnnexFixture.ok(env, src, null, "git", "annex", "add", "--quiet", ".");
        Map<Key, byte[]> byKey = new LinkedHashMap<>();
        for (String line : GitAnnexFixture.lines(GitAnnexFixture.ok(env, src, null, "git", "annex", "find",
                "--include=*", "--format=${file} ${key}\\n"))) {
            String[] fileAndKey = line.split(" ", 2);
            byKey.put(Key.parse(fileAndKey[1]).get(), contents.get(fileAndKey[0]));
        }
        assertThat(byKey.keySet().stream().map(Key::backend).collect(Collectors.toSet()))
                .as("git-annex made a key of each backend").isEqualTo(Set.copyOf(addable));

        Path dst = GitAnnexFixture.newRepository(env, tmp, "dst", false);
        AnnexRepository repo = AnnexRepository.open(dst);
        for (Map.Entry<Key, byte[]> e : byKey.entrySet()) {
            Key key = e.getKey();
            byte[] content = e.getValue();
            byte[] flipped = content.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            String why = key + " (seed " + seed + ")";
            assertThat(key.contentCheck()).as(why).isInstanceOf(ContentCheck.ByHash.class);
            assertThat(Verification.verify(key, content)).as(why).isEqualTo(new Verdict.Verified());
            assertThat(Verification.verify(key, flipped)).as(why).isEqualTo(new Verdict.Mismatch(Verdict.Part.HASH));

            Destination d = new Destination.ObjectStore(key);
            try (RepositoryLocal l = new RepositoryLocal(repo)) {
                RepositoryContract.write(l, d, 0, TestPayload.of(flipped));
                assertThat(RepositoryContract.finish(l, d, Option.some(Validity.VALID))).as(why).isFalse();
            }
            assertThat(repo.hasContent(key)).as(why).isFalse();
            // The content itself, interrupted and resumed on a second connection.
            int split = random.nextInt(content.length);
            try (RepositoryLocal l = new RepositoryLocal(repo)) {
                RepositoryContract.write(l, d, 0, TestPayload.truncated(content.length,
                        Arrays.copyOf(content, split)));
            }
            try (RepositoryLocal l = new RepositoryLocal(repo)) {
                RepositoryContract.write(l, d, split, TestPayload.of(Arrays.copyOfRange(content, split,
                        content.length)));
                assertThat(RepositoryContract.finish(l, d, Option.some(Validity.VALID))).as(why).isTrue();
                l.setPresent(new Local.SetPresent(key, repo.uuid()));
            }
        }

        GitAnnexFixture.Run fsck = GitAnnexFixture.run(env, dst, null, "git", "annex", "fsck", "--all");
        assertThat(fsck.exitCode()).as("fsck (seed %d):\n%s%s", seed, fsck.stdout(), fsck.stderr()).isZero();
        List<String> lines = GitAnnexFixture.lines(fsck.stdout());
        for (Key key : byKey.keySet()) {
            // "(checksum...)": git-annex hashed what we stored, not just counted it.
            assertThat(lines).as("fsck of %s", key).contains("fsck " + key.serialize() + " (checksum...) ok");
        }
    }
}
