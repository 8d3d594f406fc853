package org.annexp2p.repository.objects;

import org.annexp2p.testkit.content.GitAnnexKeys;
import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.annexp2p.protocol.key.ContentCheck;
import org.annexp2p.protocol.key.HashBackend;
import org.annexp2p.protocol.key.Key;
import org.junit.jupiter.api.Test;

/** Our verdicts on content against keys real git-annex computed (see {@link GitAnnexKeys}). */
class VerificationTest {
    private static final Verdict VERIFIED = new Verdict.Verified();
    private static final Verdict WRONG_HASH = new Verdict.Mismatch(Verdict.Part.HASH);
    private static final Verdict WRONG_SIZE = new Verdict.Mismatch(Verdict.Part.SIZE);

    @Test
    void theVectorsCoverEveryHashBackend() {
        Set<HashBackend> covered = GitAnnexKeys.all().stream()
                .map(k -> ((ContentCheck.ByHash) k.contentCheck()).hash()).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.allOf(HashBackend.class));
    }

    @Test
    void gitAnnexsContentIsVerifiedUnderEveryHashBackendWithAndWithoutE() {
        for (Key key : GitAnnexKeys.all()) {
            byte[] content = GitAnnexKeys.content(key);
            assertThat(Verification.verify(key, content)).as("%s", key).isEqualTo(VERIFIED);
            assertThat(Verification.verify(GitAnnexKeys.withExtension(key, ".tar.gz"), content)).as("%s E", key)
                    .isEqualTo(VERIFIED);
        }
    }

    @Test
    void oneFlippedBitIsAWrongHashUnderEveryHashBackend() {
        for (Key key : GitAnnexKeys.all()) {
            byte[] content = GitAnnexKeys.content(key);
            if (content.length == 0) {
                continue;
            }
            for (int at : new int[] {0, content.length / 2, content.length - 1}) {
                byte[] bad = content.clone();
                bad[at] ^= 0x01;
                assertThat(Verification.verify(key, bad)).as("%s, bit 0 of byte %d", key, at).isEqualTo(WRONG_HASH);
            }
        }
    }

    @Test
    void theWrongSizeIsAWrongSizeBeforeAnyHash() {
        for (Key key : GitAnnexKeys.all()) {
            byte[] content = GitAnnexKeys.content(key);
            byte[] longer = Arrays.copyOf(content, content.length + 1);
            assertThat(Verification.verify(key, longer)).as("%s", key).isEqualTo(WRONG_SIZE);
        }
    }

    @Provide
    Arbitrary<Key> smallKeys() {
        return Arbitraries.of(GitAnnexKeys.all().stream().filter(k -> k.size().get() < GitAnnexKeys.LARGE).toList());
    }

    /** Hashing a stream in pieces of any sizes gives git-annex's hash: block and stripe edges land anywhere. */
    @Property(tries = 300)
    void anyChunkingOfTheStreamGivesTheSameVerdict(@ForAll("smallKeys") Key key,
            @ForAll @IntRange(min = 1, max = 700) int piece, @ForAll long seed) throws IOException {
        byte[] content = GitAnnexKeys.content(key);
        java.util.Random random = new java.util.Random(seed);
        InputStream uneven = new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(piece)));
            }
        };
        assertThat(Verification.verify(key, uneven)).isEqualTo(VERIFIED);
    }

    @Test
    void unverifiableBackendsAreJudgedBySizeAloneAndSaySo() {
        for (String backend : List.of("WORM", "URL", "VURL", "GITMANIFEST", "XMYHASH", "XMYHASHE", "NEWBACKEND")) {
            Key key = Key.of(backend, 3, "anything");
            assertThat(Verification.digestFor(key)).as(backend).isEmpty();
            assertThat(Verification.verify(key, new byte[] {1, 2, 3})).as(backend)
                    .isEqualTo(new Verdict.SizeOnly(backend));
            assertThat(Verification.verify(key, new byte[] {1, 2})).as(backend).isEqualTo(WRONG_SIZE);
        }
        Key sizeless = new Key("URL", Option.none(), Option.none(), Option.none(), Option.none(), "http://x/");
        assertThat(Verification.verify(sizeless, new byte[7])).isEqualTo(new Verdict.SizeOnly("URL"));
        assertThat(new Verdict.SizeOnly("WORM").accepted()).isTrue();
        assertThat(WRONG_HASH.accepted()).isFalse();
        assertThat(WRONG_SIZE.accepted()).isFalse();
    }

    @Test
    void aKeyWithoutASizeIsStillJudgedByItsHash() {
        Key sized = GitAnnexKeys.all().stream().filter(k -> k.backend().equals("BLAKE2S160")
                && k.size().contains(1000L)).findFirst().get();
        Key unsized = new Key(sized.backend(), Option.none(), Option.none(), Option.none(), Option.none(),
                sized.name());
        byte[] content = GitAnnexKeys.content(sized);
        assertThat(Verification.verify(unsized, content)).isEqualTo(VERIFIED);
        assertThat(Verification.verify(unsized, Arrays.copyOf(content, 999))).isEqualTo(WRONG_HASH);
    }

    @Test
    void aHashOldGitAnnexWroteWithABackslashIsAccepted() {
        byte[] abc = {'a', 'b', 'c'};
        Key key = Key.of("SHA1", 3, "\\a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(Verification.verify(key, abc)).isEqualTo(VERIFIED);
        assertThat(Verification.verify(Key.of("SHA1", 3, "\\\\a9993e364706816aba3e25717850c26c9cd0d89d"), abc))
                .isEqualTo(WRONG_HASH);
    }

    @Test
    void aGitBundleIsVerifiedByTheSha256AfterItsUuid() {
        byte[] abc = {'a', 'b', 'c'};
        String sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Key key = Key.of("GITBUNDLE", 3, "3c1a4e9c-1d31-4d3e-9e6a-7a1f8c0de2a1-" + sha);
        assertThat(Verification.verify(key, abc)).isEqualTo(VERIFIED);
        assertThat(Verification.verify(key, new byte[] {'a', 'b', 'd'})).isEqualTo(WRONG_HASH);
    }

    @Test
    void upperCaseHexIsNotGitAnnexsHash() {
        Key key = Key.of("SHA1", 3, "A9993E364706816ABA3E25717850C26C9CD0D89D");
        assertThat(Verification.verify(key, new byte[] {'a', 'b', 'c'})).isEqualTo(WRONG_HASH);
    }
}
