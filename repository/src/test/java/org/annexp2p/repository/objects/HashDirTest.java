package org.annexp2p.repository.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.WireText;
import org.junit.jupiter.api.Test;

class HashDirTest {
    private static final Key HELLO = Key.parse(
            "SHA256E-s12--a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447.txt").get();
    private static final Key FOO = Key.parse(
            "SHA256E-s4--b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c.txt").get();

    @Test
    void referenceExamples() {
        assertThat(HashDir.MIXED.format(HELLO)).isEqualTo("J7/0G/");
        assertThat(HashDir.LOWER.format(HELLO)).isEqualTo("e7d/d01/");
        assertThat(HashDir.MIXED.format(FOO)).isEqualTo("W5/55/");
        assertThat(HashDir.LOWER.format(FOO)).isEqualTo("255/716/");
    }

    @Test
    void lookupOrderPutsOwnLayoutFirst() {
        assertThat(HashDir.lookupOrder(false)).containsExactly(HashDir.MIXED, HashDir.LOWER);
        assertThat(HashDir.lookupOrder(true)).containsExactly(HashDir.LOWER, HashDir.MIXED);
    }

    @Provide
    Arbitrary<Key> keys() {
        return Keys.keys();
    }

    @Property(tries = 300)
    void chunkFieldsDoNotMove_theObject(@ForAll("keys") Key key) {
        for (HashDir h : HashDir.values()) {
            assertThat(h.format(key)).isEqualTo(h.format(key.withoutChunks()));
        }
    }

    @Property(tries = 300)
    void lowerIsTheMd5HexPrefix(@ForAll("keys") Key key) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(WireText.toBytes(key.withoutChunks().serialize()));
        String hex = HashDir.hex(d);
        assertThat(HashDir.LOWER.format(key)).isEqualTo(hex.substring(0, 3) + "/" + hex.substring(3, 6) + "/");
    }

    @Property(tries = 300)
    void mixedUsesTwoLevelsOfTwoAlphabetCharacters(@ForAll("keys") Key key) {
        assertThat(HashDir.MIXED.format(key)).matches("[0-9zqjxkmvwgpfZQJXKMVWGPF]{2}/[0-9zqjxkmvwgpfZQJXKMVWGPF]{2}/");
    }
}
