package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BackgroundDigestProperties {

    /** Chunks of any lengths, handed over through recycled buffers, hash to what one update of them all gives. */
    @Property(tries = 50)
    void hashesExactlyTheChunksHandedOverInOrder(
            @ForAll @Size(max = 40) List<@IntRange(max = BackgroundDigest.CHUNK) Integer> lengths, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        MessageDigest actual = MessageDigest.getInstance("SHA-256");
        String name = "test " + seed + " " + lengths.size();
        try (BackgroundDigest background = new BackgroundDigest(actual, name)) {
            for (int length : lengths) {
                byte[] buffer = background.buffer();
                random.nextBytes(buffer);
                expected.update(buffer, 0, length);
                background.hash(buffer, length);
            }
            background.close();
            assertThat(background.failed()).isFalse();
        }
        assertThat(actual.digest()).isEqualTo(expected.digest());
        assertThat(Thread.getAllStackTraces().keySet()).as("the hashing thread has ended")
                .noneMatch(t -> t.getName().equals("annex-p2p hash " + name));
    }
}
