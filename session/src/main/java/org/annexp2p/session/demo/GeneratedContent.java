package org.annexp2p.session.demo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.annexp2p.repository.Ingest;

/** The demo's files: pseudo-random, the same for the same seed, produced a MiB at a time and never held whole. */
final class GeneratedContent {
    static final int BLOCK = 1 << 20;

    private GeneratedContent() {
    }

    /** {@code size} (whole MiB) bytes, the same for the same {@code seed}, no two MiB alike. */
    static Ingest.Source of(long size, int seed) {
        return () -> {
            SplittableRandom random = new SplittableRandom(seed);
            Iterator<InputStream> blocks = Stream.generate(() -> {
                byte[] block = new byte[BLOCK];
                random.nextBytes(block);
                return (InputStream) new ByteArrayInputStream(block);
            }).limit(size / BLOCK).iterator();
            return new SequenceInputStream(new Enumeration<InputStream>() {
                @Override
                public boolean hasMoreElements() {
                    return blocks.hasNext();
                }

                @Override
                public InputStream nextElement() {
                    return blocks.next();
                }
            });
        };
    }
}
