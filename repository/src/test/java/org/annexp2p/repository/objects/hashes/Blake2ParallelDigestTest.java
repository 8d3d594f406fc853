package org.annexp2p.repository.objects.hashes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2bpDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.digests.Blake2spDigest;
import org.junit.jupiter.api.Test;

/**
 * Our BLAKE2 nodes and parallel modes against Bouncy Castle wherever it computes the same hash correctly: plain
 * BLAKE2s/BLAKE2b of any length, BLAKE2sp-256 and BLAKE2bp-512 fed in one piece. BLAKE2sp-224, which it lacks, is
 * checked against real git-annex's keys (VerificationTest, and the interop test).
 */
class Blake2ParallelDigestTest {
    private static byte[] oneShot(Digest d, byte[] input) {
        d.update(input, 0, input.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] inPieces(Blake2Node node, byte[] input, int piece, int length) {
        for (int off = 0; off < input.length; off += piece) {
            node.update(input, off, Math.min(piece, input.length - off));
        }
        return Arrays.copyOf(node.finish(), length);
    }

    private static byte[] inPieces(MessageDigest d, byte[] input, int piece) {
        for (int off = 0; off < input.length; off += piece) {
            d.update(input, off, Math.min(piece, input.length - off));
        }
        return d.digest();
    }

    @Property(tries = 300)
    void aSequentialSNodeIsBlake2s(@ForAll @Size(max = 1000) byte[] input,
            @ForAll @IntRange(min = 1, max = 32) int length, @ForAll @IntRange(min = 1, max = 200) int piece) {
        assertThat(inPieces(Blake2sNode.of(length).node(1, 1, 0, 0, 0, false), input, piece, length))
                .isEqualTo(oneShot(new Blake2sDigest(8 * length), input));
    }

    @Property(tries = 300)
    void aSequentialBNodeIsBlake2b(@ForAll @Size(max = 1000) byte[] input,
            @ForAll @IntRange(min = 1, max = 64) int length, @ForAll @IntRange(min = 1, max = 300) int piece) {
        assertThat(inPieces(Blake2bNode.of(length).node(1, 1, 0, 0, 0, false), input, piece, length))
                .isEqualTo(oneShot(new Blake2bDigest(8 * length), input));
    }

    @Property(tries = 300)
    void blake2sp256InAnyPiecesIsBouncyCastlesInOne(@ForAll @Size(max = 3000) byte[] input,
            @ForAll @IntRange(min = 1, max = 700) int piece) {
        assertThat(inPieces(Blake2ParallelDigest.blake2sp(32), input, piece))
                .isEqualTo(oneShot(new Blake2spDigest(null), input));
    }

    @Property(tries = 300)
    void blake2bp512InAnyPiecesIsBouncyCastlesInOne(@ForAll @Size(max = 3000) byte[] input,
            @ForAll @IntRange(min = 1, max = 1100) int piece) {
        assertThat(inPieces(Blake2ParallelDigest.blake2bp(64), input, piece))
                .isEqualTo(oneShot(new Blake2bpDigest(null), input));
    }

    @Test
    void aDigestStartsAfreshAfterEachResult() {
        MessageDigest d = Blake2ParallelDigest.blake2sp(28);
        byte[] first = d.digest(new byte[600]);
        d.update((byte) 9);
        d.reset();
        assertThat(d.digest(new byte[600])).isEqualTo(first).hasSize(28);
        assertThat(d.getDigestLength()).isEqualTo(28);
        d.update((byte) 1);
        assertThat(d.digest()).isEqualTo(Blake2ParallelDigest.blake2sp(28).digest(new byte[] {1}));
    }

    @Test
    void aShorterParallelHashIsNotAPrefixOfALongerOne() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(Blake2ParallelDigest.blake2sp(28).digest(abc))
                .isNotEqualTo(Arrays.copyOf(Blake2ParallelDigest.blake2sp(32).digest(abc), 28));
    }
}
