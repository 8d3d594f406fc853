package org.annexp2p.interpreters.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.Repository;
import org.annexp2p.testkit.content.TestKeys;
import org.annexp2p.testkit.content.TestPayload;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.annexp2p.testkit.content.AnnexedContent;

/**
 * The behaviour every {@link Repository} shares, driven through {@link RepositoryLocal} exactly as the protocol
 * programs drive it. Each try uses content of its own, so one repository can serve a whole run.
 */
abstract class RepositoryContract {
    private static final AtomicLong UNIQUE = new AtomicLong();

    abstract Repository repository();

    /** A path (as Destination.File takes it) that nothing uses yet. */
    abstract String freshFilePath();

    /** What the file at {@code path} holds; none if there is no file there. */
    abstract Option<byte[]> fileContent(String path) throws IOException;

    /** Fixed clocks: the monotonic one reads 1000 s. */
    RepositoryLocal connection() {
        return new RepositoryLocal(repository(), () -> MonotonicTimestamp.of(1000),
                java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1_800_000_000L), java.time.ZoneOffset.UTC));
    }

    @Provide
    Arbitrary<byte[]> contents() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300_000)
                .edgeCases(e -> e.add(new byte[1]));
    }

    @Provide
    Arbitrary<Option<Validity>> validities() {
        return Arbitraries.of(Option.some(Validity.VALID), Option.some(Validity.INVALID), Option.none());
    }

    /** Makes content unique to this try, so its key has never been stored. */
    static byte[] unique(byte[] content) {
        byte[] c = Arrays.copyOf(content, content.length + 8);
        long n = UNIQUE.incrementAndGet() ^ System.nanoTime();
        for (int i = 0; i < 8; i++) {
            c[content.length + i] = (byte) (n >>> (8 * i));
        }
        return c;
    }

    /** A peer's stream that delivers {@code split} bytes of {@code content}, then breaks. */
    static InputStream dying(byte[] content, int split) {
        return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(content, 0, split), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
    }

    static Len write(RepositoryLocal l, Destination d, long offset, Payload p) throws IOException {
        return l.writeContent(new Local.WriteContent(d, AssociatedFile.NONE, Offset.of(offset), p.length(), p));
    }

    static boolean finish(RepositoryLocal l, Destination d, Option<Validity> v) throws IOException {
        return l.finishContent(new Local.FinishContent(d, v));
    }

    static long partial(RepositoryLocal l, Key key) throws IOException {
        return l.claimTransfer(new Local.ClaimTransfer(key)).get().value();
    }

    byte[] readAll(Key key, long offset) throws IOException {
        Payload p = repository().readContent(key, Offset.of(offset)).get();
        try (InputStream in = p.stream()) {
            byte[] b = in.readAllBytes();
            assertThat(repository().checkUnchanged(p)).isEqualTo(Validity.VALID);
            return b;
        }
    }

    @Property(tries = 40)
    void anySplitIntoAnInterruptedWriteAndAResumeGivesTheObject(@ForAll("contents") byte[] raw,
            @ForAll @IntRange(max = 1000) int splitPermille, @ForAll("validities") Option<Validity> validity)
            throws IOException {
        byte[] content = unique(raw);
        Key key = AnnexedContent.sha256e(content, ".bin");
        Destination d = new Destination.ObjectStore(key);
        int split = (int) ((long) content.length * splitPermille / 1000);

        try (RepositoryLocal first = connection()) {
            assertThat(partial(first, key)).isZero();
            // The peer announces everything but dies after `split` bytes.
            write(first, d, 0, TestPayload.truncated(content.length, Arrays.copyOf(content, split)));
            if (split < content.length) {
                assertThat(finish(first, d, validity)).isFalse();
                assertThat(repository().hasContent(key)).isFalse();
            }
        }
        if (split < content.length) {
            try (RepositoryLocal second = connection()) {
                assertThat(partial(second, key)).isEqualTo(split);
                byte[] rest = Arrays.copyOfRange(content, split, content.length);
                assertThat(write(second, d, split, TestPayload.of(rest)).value()).isEqualTo(rest.length);
                assertThat(finish(second, d, validity)).isTrue();
            }
        } else {
            try (RepositoryLocal second = connection()) {
                assertThat(finish(second, d, validity)).isTrue();
            }
        }
        assertThat(repository().contentSize(key)).isEqualTo(Option.some(Len.of(content.length)));
        assertThat(readAll(key, 0)).isEqualTo(content);
        assertThat(repository().partialSize(d).value()).isZero();
    }

    /**
     * A PUT while another connection holds the key's transfer is refused before any byte (the holder may be live);
     * once the holder lets go, a claim resumes from everything it wrote.
     */
    @Property(tries = 10)
    void aKeyBeingReceivedElsewhereIsRefusedUntilReleasedThenResumes(@ForAll("contents") byte[] raw,
            @ForAll @IntRange(min = 1, max = 999) int splitPermille) throws IOException {
        byte[] content = unique(raw);
        Key key = AnnexedContent.sha256e(content, ".bin");
        Destination d = new Destination.ObjectStore(key);
        int split = Math.max(1, (int) ((long) content.length * splitPermille / 1000));
        try (RepositoryLocal holder = connection(); RepositoryLocal other = connection().claimWait(java.time.Duration.ZERO)) {
            assertThat(partial(holder, key)).isZero();
            write(holder, d, 0, TestPayload.of(Arrays.copyOf(content, split)));
            assertThat(other.claimTransfer(new Local.ClaimTransfer(key)).getLeft())
                    .contains("being received on another connection");
            holder.close();
            assertThat(partial(other, key)).isEqualTo(split);
            write(other, d, split, TestPayload.of(Arrays.copyOfRange(content, split, content.length)));
            assertThat(finish(other, d, Option.some(Validity.VALID))).isTrue();
        }
        assertThat(readAll(key, 0)).isEqualTo(content);
    }

    /** A dead connection's handler that lets go while a new PUT waits: the waiting claim takes over. */
    @Example
    void aWaitingClaimTakesOverWhenTheHolderLetsGo() throws Exception {
        byte[] content = unique(new byte[100_000]);
        Key key = AnnexedContent.sha256e(content, ".bin");
        Destination d = new Destination.ObjectStore(key);
        RepositoryLocal holder = connection();
        assertThat(partial(holder, key)).isZero();
        write(holder, d, 0, TestPayload.of(Arrays.copyOf(content, 40_000)));
        java.util.concurrent.CompletableFuture<io.vavr.control.Either<String, Len>> waiting;
        try (RepositoryLocal next = connection().claimWait(java.time.Duration.ofMinutes(5))) {
            waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return next.claimTransfer(new Local.ClaimTransfer(key));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            holder.close();
            assertThat(waiting.get(60, java.util.concurrent.TimeUnit.SECONDS).get().value()).isEqualTo(40_000);
        }
    }

    /** A key that can never be stored is refused at once, without waiting for a transfer that will never come. */
    @Example
    void anUnstorableKeyIsRefusedBeforeAnyByte() throws IOException {
        Key key = Key.of("WORM", 1, "x".repeat(300));
        boolean storable = repository().unstorable(key).isEmpty(); // in memory any name is storable
        try (RepositoryLocal l = connection().claimWait(java.time.Duration.ofMinutes(5))) {
            io.vavr.control.Either<String, Len> claim = l.claimTransfer(new Local.ClaimTransfer(key));
            if (storable) {
                assertThat(claim.get()).isEqualTo(Len.ZERO);
            } else {
                assertThat(claim.getLeft()).startsWith("cannot store this key here");
            }
        }
    }

    @Property(tries = 30)
    void aWriteKilledByABrokenConnectionLeavesOnlyThePartialCopy(@ForAll("contents") byte[] raw,
            @ForAll @IntRange(max = 999) int splitPermille) throws IOException {
        byte[] content = unique(raw);
        Key key = AnnexedContent.sha256e(content, ".bin");
        Destination d = new Destination.ObjectStore(key);
        int split = (int) ((long) content.length * splitPermille / 1000);
        InputStream dying = dying(content, split);
        RepositoryLocal l = connection();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(l, d, 0,
                new TestPayload(Len.of(content.length), dying))).hasMessage("connection reset");
        l.close();
        assertThat(repository().hasContent(key)).isFalse();
        assertThat(repository().partialSize(d).value()).isEqualTo(split);
        try (RepositoryLocal resumed = connection()) {
            write(resumed, d, split, TestPayload.of(Arrays.copyOfRange(content, split, content.length)));
            assertThat(finish(resumed, d, Option.some(Validity.VALID))).isTrue();
        }
        assertThat(readAll(key, 0)).isEqualTo(content);
    }

    /** Content past TransferImpl's 8 MiB threshold is hashed on a thread of its own beside the I/O. */
    @Property(tries = 4)
    void largeContentHashedBesideTheIoIsVerifiedAndResumes(@ForAll @IntRange(max = 2 << 20) int extra,
            @ForAll @IntRange(min = 1, max = 999) int splitPermille, @ForAll boolean corrupt,
            @ForAll long seed) throws IOException {
        byte[] content = new byte[(8 << 20) + extra];
        new java.util.Random(seed).nextBytes(content);
        content = unique(content);
        Key key = AnnexedContent.sha256e(content, ".bin");
        Destination d = new Destination.ObjectStore(key);
        int split = (int) ((long) content.length * splitPermille / 1000);
        InputStream dying = dying(content, split);
        byte[] announced = content;
        try (RepositoryLocal l = connection()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(l, d, 0,
                    new TestPayload(Len.of(announced.length), dying))).hasMessage("connection reset");
        }
        assertThat(repository().partialSize(d).value()).isEqualTo(split);
        byte[] rest = Arrays.copyOfRange(content, split, content.length);
        if (corrupt) {
            rest[rest.length / 2] ^= 0x20;
        }
        try (RepositoryLocal l = connection()) {
            assertThat(write(l, d, split, TestPayload.of(rest)).value()).isEqualTo(rest.length);
            assertThat(finish(l, d, Option.some(Validity.VALID))).isEqualTo(!corrupt);
        }
        assertThat(repository().hasContent(key)).isEqualTo(!corrupt);
        if (!corrupt) {
            assertThat(readAll(key, 0)).isEqualTo(content);
        }
    }

    @Property(tries = 40)
    void badBytesAreNeverVisibleAsAnObject(@ForAll("contents") byte[] raw, @ForAll @IntRange(max = 1000) int where,
            @ForAll("validities") Option<Validity> validity) throws IOException {
        byte[] content = unique(raw);
        Key key = AnnexedContent.sha256e(content, "");
        byte[] bad = content.clone();
        bad[(int) ((long) (bad.length - 1) * where / 1000)] ^= 0x5A;
        Destination d = new Destination.ObjectStore(key);
        try (RepositoryLocal l = connection()) {
            write(l, d, 0, TestPayload.of(bad));
            assertThat(finish(l, d, validity)).isFalse();
        }
        assertThat(repository().hasContent(key)).isFalse();
        assertThat(repository().partialSize(d).value()).as("bad bytes are discarded, not kept to resume").isZero();
    }

    @Property(tries = 30)
    void aWrongPartialCopyIsCaughtOnResumeEvenWithValid(@ForAll("contents") byte[] raw,
            @ForAll @IntRange(min = 1, max = 999) int splitPermille) throws IOException {
        byte[] content = unique(raw);
        Key key = AnnexedContent.sha512(content);
        Destination d = new Destination.ObjectStore(key);
        int split = Math.max(1, (int) ((long) content.length * splitPermille / 1000));
        byte[] wrongPrefix = Arrays.copyOf(content, split);
        wrongPrefix[0] ^= 1;
        try (RepositoryLocal l = connection()) {
            write(l, d, 0, TestPayload.truncated(content.length, wrongPrefix));
        }
        try (RepositoryLocal l = connection()) {
            write(l, d, split, TestPayload.of(Arrays.copyOfRange(content, split, content.length)));
            assertThat(finish(l, d, Option.some(Validity.VALID))).isFalse();
        }
        assertThat(repository().hasContent(key)).isFalse();
    }

    @Property(tries = 30)
    void aPeerThatSendsMoreThanTheKeySizeCannotStoreIt(@ForAll("contents") byte[] raw,
            @ForAll @IntRange(min = 1, max = 5000) int extra) throws IOException {
        byte[] content = unique(raw);
        Key key = AnnexedContent.sha256e(content, "");
        Destination d = new Destination.ObjectStore(key);
        byte[] longer = Arrays.copyOf(content, content.length + extra);
        TestPayload p = TestPayload.of(longer);
        try (RepositoryLocal l = connection()) {
            assertThat(write(l, d, 0, p).value()).isEqualTo(content.length);
            assertThat(p.stream().read()).as("the whole DATA was consumed").isEqualTo(-1);
            assertThat(repository().partialSize(d).value()).isLessThanOrEqualTo(content.length);
            assertThat(finish(l, d, Option.some(Validity.VALID))).isFalse();
        }
        assertThat(repository().hasContent(key)).isFalse();
    }

    @Provide
    Arbitrary<Key> gitAnnexKeys() {
        return Arbitraries.of(GitAnnexKeys.all().stream()
                .filter(k -> k.size().get() > 0 && k.size().get() < GitAnnexKeys.LARGE).toList());
    }

    @Provide
    Arbitrary<Key> largeGitAnnexKeys() {
        return Arbitraries.of(GitAnnexKeys.all().stream().filter(k -> k.size().get() >= GitAnnexKeys.LARGE).toList());
    }

    /**
     * Keys real git-annex made, of every hash backend it verifies: bytes of the right size that are not the key's
     * content are never stored, however they arrive (in one go or resumed, with any validity) and wherever they go
     * (the object store, for a PUT or a GET into --repo; a named file, for a GET into OUTFILE); the content is.
     */
    @Property(tries = 150)
    void forEveryHashBackendOnlyTheKeysOwnContentIsStored(@ForAll("gitAnnexKeys") Key computed,
            @ForAll @IntRange(max = 1000) int where, @ForAll @IntRange(min = 1, max = 255) int flip,
            @ForAll @IntRange(max = 1000) int splitPermille, @ForAll("validities") Option<Validity> validity,
            @ForAll boolean intoFile) throws IOException {
        byte[] content = GitAnnexKeys.content(computed);
        byte[] bad = content.clone();
        bad[(int) ((long) (bad.length - 1) * where / 1000)] ^= (byte) flip;
        // A named file is fresh each try, so the key itself can serve; the object store needs a key of its own.
        Key key = intoFile ? computed : GitAnnexKeys.withExtension(computed, ".t" + UNIQUE.incrementAndGet());
        int split = (int) ((long) content.length * splitPermille / 1000);

        Destination d = intoFile ? new Destination.File(key, freshFilePath()) : new Destination.ObjectStore(key);
        assertThat(sendInTwo(d, bad, split, validity)).as("wrong content for %s", key).isFalse();
        assertThat(repository().hasContent(key)).isFalse();
        assertThat(repository().partialSize(d).value()).as("wrong content is discarded").isZero();

        assertThat(sendInTwo(d, content, split, validity)).as("the content of %s", key).isTrue();
        if (d instanceof Destination.File f) {
            assertThat(fileContent(f.path()).getOrNull()).isEqualTo(content);
        } else {
            assertThat(readAll(key, 0)).isEqualTo(content);
        }
    }

    /** The same for content hashed on a thread of its own beside the I/O, with every hash backend. */
    @Property(tries = 5)
    void largeContentOfEveryHashBackendIsVerifiedBesideTheIo(@ForAll("largeGitAnnexKeys") Key computed,
            @ForAll @IntRange(min = 1, max = 999) int splitPermille, @ForAll @IntRange(max = 1000) int where)
            throws IOException {
        byte[] content = GitAnnexKeys.content(computed);
        byte[] bad = content.clone();
        bad[(int) ((long) (bad.length - 1) * where / 1000)] ^= 0x01;
        Key key = GitAnnexKeys.withExtension(computed, ".t" + UNIQUE.incrementAndGet());
        Destination d = new Destination.ObjectStore(key);
        int split = (int) ((long) content.length * splitPermille / 1000);
        assertThat(sendInTwo(d, bad, split, Option.some(Validity.VALID))).as("wrong content for %s", key).isFalse();
        assertThat(repository().hasContent(key)).isFalse();
        assertThat(sendInTwo(d, content, split, Option.some(Validity.VALID))).as("the content of %s", key).isTrue();
        assertThat(repository().hasContent(key)).isTrue();
    }

    /** A peer sends {@code split} bytes of all it announced and dies; a second connection resumes and finishes. */
    private boolean sendInTwo(Destination d, byte[] bytes, int split, Option<Validity> validity) throws IOException {
        try (RepositoryLocal l = connection()) {
            write(l, d, 0, TestPayload.truncated(bytes.length, Arrays.copyOf(bytes, split)));
        }
        try (RepositoryLocal l = connection()) {
            assertThat(l.destinationSize(new Local.DestinationSize(d)).value()).isEqualTo(split);
            write(l, d, split, TestPayload.of(Arrays.copyOfRange(bytes, split, bytes.length)));
            return finish(l, d, validity);
        }
    }

    @Property(tries = 30)
    void backendsWithoutAHashCheckOnlyTheSize(@ForAll("contents") byte[] content, @ForAll boolean rightSize)
            throws IOException {
        long size = rightSize ? content.length : content.length + 1;
        Key key = Key.of("WORM", size, "file-" + UNIQUE.incrementAndGet() + "-" + System.nanoTime());
        Destination d = new Destination.ObjectStore(key);
        try (RepositoryLocal l = connection()) {
            write(l, d, 0, TestPayload.of(content));
            assertThat(finish(l, d, Option.none())).isEqualTo(rightSize);
        }
        assertThat(repository().hasContent(key)).isEqualTo(rightSize);
    }

    @Property(tries = 20)
    void readingFromAnOffsetGivesTheRest(@ForAll("contents") byte[] raw, @ForAll @IntRange(max = 1100) int permille)
            throws IOException {
        byte[] content = unique(raw);
        Key key = store(content);
        long offset = (long) content.length * permille / 1000;
        byte[] expected = offset >= content.length ? new byte[0]
                : Arrays.copyOfRange(content, (int) offset, content.length);
        assertThat(readAll(key, offset)).isEqualTo(expected);
        assertThat(repository().readContent(Key.of("WORM", 1, "absent" + System.nanoTime()), Offset.ZERO)).isEmpty();
    }

    @Property(tries = 20)
    void aNamedFileReceivesContentWithoutTouchingTheObjectStore(@ForAll("contents") byte[] raw,
            @ForAll @IntRange(max = 1000) int splitPermille) throws IOException {
        byte[] content = unique(raw);
        Key key = AnnexedContent.sha256e(content, ".dat");
        Destination.File d = new Destination.File(key, freshFilePath());
        int split = (int) ((long) content.length * splitPermille / 1000);
        try (RepositoryLocal l = connection()) {
            write(l, d, 0, TestPayload.truncated(content.length, Arrays.copyOf(content, split)));
        }
        assertThat(fileContent(d.path())).as("nothing under the file's name until it is verified").isEmpty();
        try (RepositoryLocal l = connection()) {
            long have = l.destinationSize(new Local.DestinationSize(d)).value();
            assertThat(have).isEqualTo(split);
            write(l, d, have, TestPayload.of(Arrays.copyOfRange(content, split, content.length)));
            assertThat(finish(l, d, Option.some(Validity.VALID))).isTrue();
            assertThat(l.destinationSize(new Local.DestinationSize(d)).value()).as("no partial copy left").isZero();
        }
        assertThat(fileContent(d.path()).getOrNull()).isEqualTo(content);
        assertThat(repository().hasContent(key)).isFalse();
    }

    Key store(byte[] content) throws IOException {
        Key key = AnnexedContent.sha256e(content, ".bin");
        Destination d = new Destination.ObjectStore(key);
        try (RepositoryLocal l = connection()) {
            write(l, d, 0, TestPayload.of(content));
            assertThat(finish(l, d, Option.some(Validity.VALID))).isTrue();
            l.setPresent(new Local.SetPresent(key, repository().uuid()));
        }
        return key;
    }

    @Example
    void lockedContentCannotBeRemovedUntilUnlocked() throws IOException {
        Key key = store(unique("locked content\n".getBytes()));
        try (RepositoryLocal locker = connection(); RepositoryLocal remover = connection()) {
            assertThat(locker.lockContent(new Local.LockContent(key))).isTrue();
            assertThat(locker.lockContent(new Local.LockContent(key))).as("shared: a second lock").isTrue();
            assertThat(remover.lockContent(new Local.LockContent(key))).as("shared across connections").isTrue();
            remover.unlockContent(new Local.UnlockContent(key));
            assertThat(remover.removeContent(new Local.RemoveContent(key, Option.none()))).isFalse();
            locker.unlockContent(new Local.UnlockContent(key));
            assertThat(remover.removeContent(new Local.RemoveContent(key, Option.none()))).as("one lock left").isFalse();
            locker.unlockContent(new Local.UnlockContent(key));
            assertThat(remover.removeContent(new Local.RemoveContent(key, Option.none()))).isTrue();
        }
        assertThat(repository().hasContent(key)).isFalse();
        assertThat(repository().locations(key)).doesNotContain(repository().uuid());
    }

    @Example
    void closingAConnectionReleasesItsLocks() throws IOException {
        Key key = store(unique("dropped connection\n".getBytes()));
        RepositoryLocal locker = connection();
        assertThat(locker.lockContent(new Local.LockContent(key))).isTrue();
        assertThat(locker.heldLocks()).isEqualTo(1);
        locker.close();
        try (RepositoryLocal remover = connection()) {
            assertThat(remover.removeContent(new Local.RemoveContent(key, Option.none()))).isTrue();
        }
    }

    @Example
    void removeBeforeHonoursTheMonotonicDeadline() throws IOException {
        Key key = store(unique("deadline\n".getBytes()));
        try (RepositoryLocal l = connection()) {
            assertThat(l.removeContent(new Local.RemoveContent(key, Option.some(MonotonicTimestamp.of(1000))))).isFalse();
            assertThat(repository().hasContent(key)).isTrue();
            assertThat(l.removeContent(new Local.RemoveContent(key, Option.some(MonotonicTimestamp.of(1001))))).isTrue();
            assertThat(repository().hasContent(key)).isFalse();
            assertThat(l.removeContent(new Local.RemoveContent(key, Option.none()))).as("absent is removed").isTrue();
        }
    }

    @Example
    void lockingAbsentContentFails() throws IOException {
        try (RepositoryLocal l = connection()) {
            assertThat(l.lockContent(new Local.LockContent(Key.of("WORM", 3, "never-" + System.nanoTime())))).isFalse();
            assertThat(l.heldLocks()).isZero();
        }
    }

    @Example
    void presenceIsRecordedAndLatestWins() throws IOException {
        Key key = store(unique("presence\n".getBytes()));
        Uuid other = new Uuid("11111111-2222-3333-4444-555555555555");
        Uuid third = new Uuid("62824c8f-daf0-4533-afb2-f5f8d12e01a8");
        repository().recordPresence(key, other, true);
        repository().recordPresence(key, third, true);
        assertThat(repository().locations(key)).containsExactlyInAnyOrder(other, third, repository().uuid());
        repository().recordPresence(key, other, false);
        assertThat(repository().locations(key)).containsExactlyInAnyOrder(third, repository().uuid());
    }

    @Example
    void thisRepositoryIsNeverLoggedAsHavingContentItLacks() throws IOException {
        Key key = Key.of("WORM", 1, "absent-" + System.nanoTime());
        repository().recordPresence(key, repository().uuid(), true);
        assertThat(repository().locations(key)).isEmpty();
        Uuid other = new Uuid("11111111-2222-3333-4444-555555555555");
        repository().recordPresence(key, other, true);
        assertThat(repository().locations(key)).as("other repositories are taken at their word").containsExactly(other);
    }

    @Example
    void aSecondWriterToTheSameDestinationIsTurnedAwayWithoutBreakingTheConnection() throws IOException {
        byte[] content = unique("two writers\n".getBytes());
        Key key = AnnexedContent.sha256e(content, "");
        Destination d = new Destination.ObjectStore(key);
        try (RepositoryLocal a = connection(); RepositoryLocal b = connection()) {
            write(a, d, 0, TestPayload.truncated(content.length, Arrays.copyOf(content, 3)));
            TestPayload second = TestPayload.of(content);
            assertThat(write(b, d, 0, second).value()).isZero();
            assertThat(second.stream().read()).as("its bytes were consumed").isEqualTo(-1);
            assertThat(finish(b, d, Option.some(Validity.VALID))).isFalse();
            assertThat(repository().partialSize(d).value()).isEqualTo(3);
        }
    }

    @Example
    void waitRefChangeWithoutNotificationIsAClearError() {
        try (RepositoryLocal l = connection()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> l.waitRefChange(new Local.WaitRefChange()))
                    .isInstanceOf(IOException.class).hasMessage("change notification not available");
            assertThat(l.localTime(new Local.LocalTime())).isEqualTo(1_800_000_000L);
        }
    }
}
