package org.annexp2p.protocol.key;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.message.WireArbitraries;
import org.junit.jupiter.api.Test;

class KeyTest {

    @Test
    void parsesTheCommonShapes() {
        Key k = Key.parse("SHA256E-s12--a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447.txt").get();
        assertThat(k.backend()).isEqualTo("SHA256E");
        assertThat(k.size()).isEqualTo(Option.some(12L));
        assertThat(k.declaredHash()).isEqualTo("a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");
        assertThat(k.extension()).isEqualTo(".txt");
        assertThat(k.contentCheck()).isEqualTo(new ContentCheck.ByHash(HashBackend.SHA256,
                "a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447"));
        Key chunk = Key.parse("SHA256E-s100-S10-C3--abc.bin").get();
        assertThat(chunk.chunkSize()).isEqualTo(Option.some(10L));
        assertThat(chunk.chunkNumber()).isEqualTo(Option.some(3L));
        assertThat(chunk.withoutChunks().serialize()).isEqualTo("SHA256E-s100--abc.bin");
        Key worm = Key.parse("WORM-s5-m1700000000--some file-name").get();
        assertThat(worm.mtime()).isEqualTo(Option.some(1700000000L));
        assertThat(worm.name()).isEqualTo("some file-name");
        assertThat(worm.contentCheck()).isEqualTo(new ContentCheck.Unverifiable("WORM"));
    }

    @Test
    void refusesWhatGitAnnexRefuses() {
        assertThat(Key.parse("notakey").isLeft()).isTrue();
        assertThat(Key.parse("-s12--x").isLeft()).isTrue();
        assertThat(Key.parse("SHA256-x12--abc").isLeft()).isTrue();
        assertThat(Key.parse("SHA256-s12-m--abc").isLeft()).isTrue();
        assertThat(Key.parse("SHA256E-s1--abc." + "x".repeat(64)).isLeft()).isTrue();
        assertThat(Key.parse("SHA256E-s1--abc." + "x".repeat(63)).isRight()).isTrue();
        // Extensions only limit E backends.
        assertThat(Key.parse("SHA256-s1--abc." + "x".repeat(100)).isRight()).isTrue();
    }

    @Test
    void fieldsMayBeAbsentIndependentlyButOnlyInOrder() {
        assertThat(Key.parse("WORM-m5--x").get().size()).isEqualTo(Option.none());
        assertThat(Key.parse("WORM-m5-s3--x").isLeft()).isTrue();
    }

    @Test
    void fileNamesEscapeLikeGitAnnexAndCanNeverTraverse() {
        assertThat(Key.parse("URL--http://x/a&b%c").get().fileName()).isEqualTo("URL--http&c%%x%a&ab&sc");
        assertThat(Key.parse("WORM--..").get().fileName()).isEqualTo("WORM--..");
        assertThat(Key.parse("WORM--../../etc/passwd").get().fileName()).doesNotContain("/");
    }

    @Provide
    Arbitrary<Key> keys() {
        return WireArbitraries.key();
    }

    @Property(tries = 2000)
    void serializationRoundTrips(@ForAll("keys") Key k) {
        assertThat(Key.parse(k.serialize()).get()).isEqualTo(k);
    }

    @Property(tries = 2000)
    void fileNamesAreSinglePathComponents(@ForAll("keys") Key k) {
        String f = k.fileName();
        assertThat(f).doesNotContain("/").isNotEqualTo(".").isNotEqualTo("..").isNotEmpty();
    }

    @Property(tries = 2000)
    void garbageNeverThrows(@ForAll String s) {
        var r = Key.parse(s);
        r.forEach(k -> assertThat(Key.parse(k.serialize()).get()).isEqualTo(k));
    }
}
