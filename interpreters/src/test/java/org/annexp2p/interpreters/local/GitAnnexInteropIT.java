package org.annexp2p.interpreters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.annex.GitAnnexVersions.Release;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.content.TestPayload;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What we write, each real git-annex release reads — and the other way round. The cases that need no git-annex
 * beyond {@code init} (opening, hostile keys, a replaced file) run against Debian's alone.
 */
class GitAnnexInteropIT {
    private static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);
    private static final Uuid OTHER = new Uuid("11111111-2222-3333-4444-555555555555");

    @TempDir
    Path tmp;

    @AfterEach
    void thaw() {
        GitAnnexFixture.thawAll(tmp);
    }

    static Stream<Arguments> releasesAndBareness() throws IOException {
        return GitAnnexVersions.both().stream().flatMap(r -> Stream.of(Arguments.of(r, false), Arguments.of(r, true)));
    }

    /** Stores as a server's PUT does: partial write, resume, VALID, then SetPresent with our own UUID. */
    private static Key put(AnnexRepository repo, byte[] content, int split) throws IOException {
        Key key = AnnexedContent.sha256e(content, ".txt");
        Destination d = new Destination.ObjectStore(key);
        try (RepositoryLocal l = new RepositoryLocal(repo)) {
            Payload first = TestPayload.truncated(content.length, java.util.Arrays.copyOf(content, split));
            l.writeContent(new Local.WriteContent(d, AssociatedFile.NONE, Offset.ZERO, first.length(), first));
        }
        try (RepositoryLocal l = new RepositoryLocal(repo)) {
            long offset = l.claimTransfer(new Local.ClaimTransfer(key)).get().value();
            assertThat(offset).isEqualTo(split);
            Payload rest = TestPayload.of(java.util.Arrays.copyOfRange(content, split, content.length));
            l.writeContent(new Local.WriteContent(d, AssociatedFile.NONE, Offset.of(offset), rest.length(), rest));
            assertThat(l.finishContent(new Local.FinishContent(d, Option.some(Validity.VALID)))).isTrue();
            l.setPresent(new Local.SetPresent(key, repo.uuid()));
        }
        return key;
    }

    @ParameterizedTest(name = "{0}, bare {1}")
    @MethodSource("releasesAndBareness")
    void contentWeStoreIsFoundByWhereisAndFsck(Release release, boolean bare) throws IOException {
        Map<String, String> env = release.env();
        Path dir = GitAnnexFixture.newRepository(env, tmp, bare ? "r.git" : "r", bare);
        AnnexRepository repo = AnnexRepository.open(dir);
        assertThat(repo.isBare()).isEqualTo(bare);
        Key key = put(repo, HELLO, 5);

        String whereis = GitAnnexFixture.ok(env, dir, null, "git", "annex", "whereis", "--key=" + key.serialize());
        assertThat(whereis).contains("(1 copy)").contains(repo.uuid().value()).contains("[here]");
        String fsck = GitAnnexFixture.ok(env, dir, null, "git", "annex", "fsck", "--key=" + key.serialize());
        assertThat(fsck).contains("ok");
        // Frozen like git-annex freezes content: no write bits on the object or its directory.
        Path object = repo.locate(key).get();
        assertThat(Files.getPosixFilePermissions(object)).doesNotContain(PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        assertThat(Files.getPosixFilePermissions(object.getParent())).doesNotContain(PosixFilePermission.OWNER_WRITE);
        assertThat(repo.tmpPath(key)).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void contentWeStoreIsFoundByFindInHere(Release release) throws IOException {
        Map<String, String> env = release.env();
        Path dir = GitAnnexFixture.newRepository(env, tmp, "r", false);
        AnnexRepository repo = AnnexRepository.open(dir);
        Key key = put(repo, HELLO, 0);
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "fromkey", key.serialize(), "hello.txt");
        assertThat(GitAnnexFixture.ok(env, dir, null, "git", "annex", "find", "--in=here")).isEqualTo("hello.txt\n");
        assertThat(Files.readString(dir.resolve("hello.txt"))).isEqualTo("hello world\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void presenceMergesWithTheCommittedBranchAndRemovalIsSeen(Release release) throws IOException {
        Map<String, String> env = release.env();
        Path dir = GitAnnexFixture.newRepository(env, tmp, "r", false);
        Files.writeString(dir.resolve("a.txt"), "added by git-annex\n");
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "add", "-q", "a.txt");
        AnnexRepository repo = AnnexRepository.open(dir);
        Key key = Key.parse(GitAnnexFixture.ok(env, dir, null, "git", "annex", "find", "--format=${key}", "a.txt"))
                .get();
        // git-annex committed its log line to the branch; the journal starts empty for this key.
        assertThat(repo.locations(key)).containsExactly(repo.uuid());

        repo.recordPresence(key, OTHER, true);
        assertThat(repo.locations(key)).containsExactlyInAnyOrder(repo.uuid(), OTHER);
        String whereis = GitAnnexFixture.ok(env, dir, null, "git", "annex", "whereis", "a.txt");
        assertThat(whereis).contains("(2 copies)").contains(OTHER.value()).contains("[here]");

        try (RepositoryLocal l = new RepositoryLocal(repo)) {
            assertThat(l.removeContent(new Local.RemoveContent(key, Option.none()))).isTrue();
        }
        assertThat(repo.hasContent(key)).isFalse();
        String after = GitAnnexFixture.ok(env, dir, null, "git", "annex", "whereis", "a.txt");
        assertThat(after).contains("(1 copy)").contains(OTHER.value()).doesNotContain("[here]");
        // whereis committed our journal to the git-annex branch: the branch now holds our lines.
        String branch = GitAnnexFixture.ok(env, dir, null, "git", "cat-file", "-p",
                "git-annex:" + org.annexp2p.repository.locationlog.BranchJournal.locationLogPath(key));
        assertThat(branch).contains(" 0 " + repo.uuid().value()).contains(" 1 " + OTHER.value());
        assertThat(GitAnnexFixture.run(env, dir, null, "git", "annex", "find", "--in=here").stdout()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void contentGitAnnexAddedIsReadByUs(Release release) throws IOException {
        Map<String, String> env = release.env();
        Path dir = GitAnnexFixture.newRepository(env, tmp, "r", false);
        byte[] content = new byte[200_000];
        new java.util.Random(7).nextBytes(content);
        Files.write(dir.resolve("big.bin"), content);
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "add", "-q", "big.bin");
        Key key = Key.parse(GitAnnexFixture.ok(env, dir, null, "git", "annex", "find", "--format=${key}", "big.bin"))
                .get();
        AnnexRepository repo = AnnexRepository.open(dir);
        assertThat(repo.contentSize(key)).isEqualTo(Option.some(Len.of(content.length)));
        Payload p = repo.readContent(key, Offset.of(1000)).get();
        try (InputStream in = p.stream()) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, content.length));
        }
        assertThat(repo.checkUnchanged(p)).isEqualTo(Validity.VALID);
        assertThat(repo.locations(key)).containsExactly(repo.uuid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void keysOfLockedAndUnlockedFilesAreReadLikeGitAnnexReadsThem(Release release) throws IOException {
        Map<String, String> env = release.env();
        Path dir = GitAnnexFixture.newRepository(env, tmp, "r", false);
        Files.writeString(dir.resolve("locked.txt"), "locked\n");
        Files.writeString(dir.resolve("unlocked.txt"), "unlocked\n");
        Files.writeString(dir.resolve("plain.txt"), "not annexed\n");
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "add", "-q", "locked.txt", "unlocked.txt");
        GitAnnexFixture.ok(env, dir, null, "git", "commit", "-q", "-m", "add");
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "unlock", "-q", "unlocked.txt");
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "drop", "-q", "--force", "unlocked.txt");
        AnnexRepository repo = AnnexRepository.open(dir);
        for (String f : List.of("locked.txt", "unlocked.txt")) {
            String expected = GitAnnexFixture.ok(env, dir, null, "git", "annex", "find", "--include=*",
                    "--format=${key}", f);
            assertThat(repo.keyOf(dir.resolve(f)).map(Key::serialize)).as(f).isEqualTo(Option.some(expected));
        }
        assertThat(Files.readString(dir.resolve("unlocked.txt"))).startsWith("/annex/objects/");
        assertThat(repo.keyOf(dir.resolve("plain.txt"))).isEmpty();
    }

    @Test
    void aFileReplacedWhileBeingSentIsReportedInvalid() throws IOException {
        Path dir = GitAnnexFixture.newRepository(tmp, "r", false);
        AnnexRepository repo = AnnexRepository.open(dir);
        Key key = put(repo, HELLO, 0);
        Payload p = repo.readContent(key, Offset.ZERO).get();
        Path object = repo.locate(key).get();
        object.getParent().toFile().setWritable(true, true);
        Files.delete(object);
        Files.write(object, HELLO);
        assertThat(repo.checkUnchanged(p)).isEqualTo(Validity.INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.annexp2p.testkit.annex.GitAnnexVersions#both")
    void ourLockStopsGitAnnexFromDropping(Release release) throws IOException {
        Map<String, String> env = release.env();
        Path dir = GitAnnexFixture.newRepository(env, tmp, "r", false);
        Files.writeString(dir.resolve("keep.txt"), "keep me\n");
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "add", "-q", "keep.txt");
        AnnexRepository repo = AnnexRepository.open(dir);
        Key key = Key.parse(GitAnnexFixture.ok(env, dir, null, "git", "annex", "find", "--format=${key}", "keep.txt"))
                .get();
        try (RepositoryLocal l = new RepositoryLocal(repo)) {
            assertThat(l.lockContent(new Local.LockContent(key))).isTrue();
            GitAnnexFixture.Run drop = GitAnnexFixture.run(env, dir, null, "git", "annex", "drop", "--force",
                    "keep.txt");
            assertThat(drop.exitCode()).as("drop while we hold the lock: %s", drop.stderr()).isNotZero();
            assertThat(drop.stderr()).contains("content is locked");
            assertThat(repo.hasContent(key)).isTrue();
            l.unlockContent(new Local.UnlockContent(key));
        }
        GitAnnexFixture.ok(env, dir, null, "git", "annex", "drop", "--force", "keep.txt");
        assertThat(repo.hasContent(key)).isFalse();
    }

    @Test
    void hostileKeysStayInsideTheAnnexDirectoryOrAreRefused() throws IOException {
        Path dir = GitAnnexFixture.newRepository(tmp, "r", false);
        AnnexRepository repo = AnnexRepository.open(dir);
        List<Path> before = outsideAnnex(dir);
        byte[] content = "x".getBytes(StandardCharsets.US_ASCII);
        List<Key> hostile = List.of(
                Key.of("WORM", 1, "../../../../escape"),
                Key.of("WORM", 1, "/etc/passwd"),
                new Key("..", Option.some(1L), Option.none(), Option.none(), Option.none(), ".."),
                Key.of("WORM", 1, "a/../../b:c&d%e"),
                Key.of("WORM", 1, "x".repeat(300)),
                Key.of("WORM", 1, "nul\0byte"),
                Key.parse("WORM-s1--" + "\u00ff\u00fe").get());
        for (Key key : hostile) {
            Destination d = new Destination.ObjectStore(key);
            boolean stored;
            try (RepositoryLocal l = new RepositoryLocal(repo)) {
                Payload p = TestPayload.of(content);
                l.writeContent(new Local.WriteContent(d, AssociatedFile.NONE, Offset.ZERO, p.length(), p));
                stored = l.finishContent(new Local.FinishContent(d, Option.some(Validity.VALID)));
                assertThat(p.stream().read()).as("payload consumed for %s", key).isEqualTo(-1);
                if (stored) {
                    l.setPresent(new Local.SetPresent(key, repo.uuid()));
                    assertThat(repo.locate(key).get().normalize()).startsWith(repo.annexDir().resolve("objects"));
                    assertThat(l.removeContent(new Local.RemoveContent(key, Option.none()))).isTrue();
                }
            }
            boolean refused = AnnexRepository.unstorableReason(key).isDefined();
            assertThat(stored).as("%s stored", key).isEqualTo(!refused);
            if (refused) {
                assertThatThrownBy(() -> repo.objectPath(key)).isInstanceOf(IOException.class)
                        .hasMessageStartingWith("key cannot be stored: ");
            }
        }
        assertThat(AnnexRepository.unstorableReason(Key.of("WORM", 1, "x".repeat(300))).isDefined()).isTrue();
        assertThat(AnnexRepository.unstorableReason(Key.of("WORM", 1, "../../../../escape")).isEmpty()).isTrue();
        assertThat(outsideAnnex(dir)).isEqualTo(before);
    }

    private static List<Path> outsideAnnex(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir.getParent())) {
            return all.filter(p -> !p.startsWith(dir.resolve(".git"))).sorted().toList();
        }
    }

    @Test
    void openingExplainsWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> AnnexRepository.open(tmp.resolve("missing"))).hasMessageStartingWith("not a directory: ");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> AnnexRepository.open(plain)).hasMessageStartingWith("not a git repository: ");
        Path gitOnly = Files.createDirectories(tmp.resolve("git-only"));
        GitAnnexFixture.ok(gitOnly, null, "git", "init", "-q");
        assertThatThrownBy(() -> AnnexRepository.open(gitOnly))
                .hasMessageEndingWith("is a git repository but not a git-annex repository (no annex.uuid; run git annex init there)");
        Path annex = GitAnnexFixture.newRepository(tmp, "annex", false);
        String uuid = GitAnnexFixture.ok(annex, null, "git", "config", "annex.uuid").strip();
        assertThat(AnnexRepository.open(annex).uuid()).isEqualTo(new Uuid(uuid));
        assertThat(AnnexRepository.open(annex).creds().file("p2pauth").path()).isEqualTo(annex.resolve(".git/annex/creds/p2pauth"));
    }
}
