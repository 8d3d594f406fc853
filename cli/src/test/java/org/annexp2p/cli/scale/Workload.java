package org.annexp2p.cli.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.annexp2p.protocol.key.Key;

/**
 * What each client of a scale run moves: one object to GET and one to PUT, sized by a seeded random (mostly
 * small, some of a few MiB), with content generated from the seed so that a failure can be replayed.
 */
record Workload(long seed, List<Workload.Job> jobs) {

    static final int SMALL_MAX = 64 * 1024;
    static final int BIG_MIN = 1024 * 1024;
    static final int BIG_MAX = 4 * 1024 * 1024;
    /** One client in this many moves a big object (each direction drawn separately). */
    static final int BIG_ONE_IN = 10;

    /** The sizes one client moves; {@code index} also seeds its contents. */
    record Job(int index, long getSize, long putSize) {
        boolean bigGet() {
            return getSize >= BIG_MIN;
        }
    }

    /** Content that has been written to a file: its SHA256E key (which names its digest) and where it is. */
    record Written(Key key, byte[] sha256, Path file) {}

    static Workload plan(long seed, int clients) {
        Random sizes = new Random(seed);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            jobs.add(new Job(i, size(sizes), size(sizes)));
        }
        return new Workload(seed, List.copyOf(jobs));
    }

    private static long size(Random r) {
        return r.nextInt(BIG_ONE_IN) == 0 ? BIG_MIN + r.nextInt(BIG_MAX - BIG_MIN + 1) : r.nextInt(SMALL_MAX + 1);
    }

    long totalBytes() {
        return jobs.stream().mapToLong(j -> j.getSize() + j.putSize()).sum();
    }

    long bigGets() {
        return jobs.stream().filter(Job::bigGet).count();
    }

    /** Writes the content of job {@code index}'s GET ({@code put == false}) or PUT object into {@code file}. */
    Written write(Job job, boolean put, Path file) throws IOException {
        long size = put ? job.putSize() : job.getSize();
        // Distinct streams per job and direction, all derived from the run's seed.
        Random content = new Random(seed * 31 + job.index() * 2L + (put ? 1 : 0));
        MessageDigest sha = sha256();
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                content.nextBytes(chunk);
                out.write(chunk, 0, n);
                sha.update(chunk, 0, n);
                left -= n;
            }
        }
        byte[] digest = sha.digest();
        Key key = Key.parse("SHA256E-s" + size + "--" + HexFormat.of().formatHex(digest) + ".bin")
                .getOrElseThrow(e -> new IllegalStateException(e));
        return new Written(key, digest, file);
    }

    /** SHA-256 of a file's bytes, computed here, independently of the code under test. */
    static byte[] sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
