package org.annexp2p.transports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Dialer;
import org.annexp2p.transports.Listener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Connection} transport must have, written once.
 *
 * <p>To check a transport, extend this class in your module's tests and implement {@link #openFixture()}
 * (the module's pom needs {@code org.annexp2p:transports} with {@code <type>test-jar</type>}, scope test).
 * Each test opens a fresh fixture and closes it afterwards, even on failure. Tests cover: echo, large
 * full-duplex streams with checksums, half-close, peer death mid-stream in both directions, backpressure
 * (a writer to a non-reading peer blocks after a bounded amount, which is printed), 50 concurrent
 * connections, close unblocking a blocked reader and writer, listener close unblocking accept, and a dial
 * to nothing failing with an {@link IOException} within its timeout.
 *
 * <p>Every test is guarded by a {@link Timeout}: a hang is a failure, never a stuck build.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class TransportContract {

    /** One transport under test: a bound listener and a dialer that reaches it. */
    public interface Fixture extends AutoCloseable {

        Listener listener();

        Dialer dialer();

        /** What {@link #dialer()} dials to reach {@link #listener()}. */
        String address();

        /** An address in the same form where nothing listens (dialing it must fail). */
        String unreachableAddress();

        /** Timeout passed to every dial. */
        default Duration dialTimeout() {
            return Duration.ofSeconds(10);
        }

        /** Stops everything the fixture started (processes, event loops). */
        @Override
        void close() throws Exception;

        /** A fixture from its parts; {@code stop} runs on {@link #close()}. */
        static Fixture of(Listener listener, Dialer dialer, String address, String unreachableAddress,
                Duration dialTimeout, AutoCloseable stop) {
            return new Parts(listener, dialer, address, unreachableAddress, dialTimeout, stop);
        }

        /** As {@link #of(Listener, Dialer, String, String, Duration, AutoCloseable)} with the 10 s dial timeout. */
        static Fixture of(Listener listener, Dialer dialer, String address, String unreachableAddress, AutoCloseable stop) {
            return of(listener, dialer, address, unreachableAddress, Duration.ofSeconds(10), stop);
        }
    }

    private record Parts(Listener listener, Dialer dialer, String address, String unreachableAddress, Duration dialTimeout,
            AutoCloseable stop) implements Fixture {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    /** A fresh, listening transport; called once per test. */
    protected abstract Fixture openFixture() throws Exception;

    /** The most a writer may get accepted while its peer does not read; transports with big OS buffers may raise it. */
    protected long maxBufferedBytes() {
        return 32L << 20;
    }

    /** Size of each direction of {@link #largeStreamsBothWaysAtOnce()}. */
    protected long largeStreamBytes() {
        return 64L << 20;
    }

    private static final int CHUNK = 64 * 1024;

    private Fixture fixture;
    private ExecutorService pool;

    @BeforeEach
    final void openTransport() throws Exception {
        fixture = openFixture();
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "contract-" + getClass().getSimpleName());
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    final void closeTransport() throws Exception {
        pool.shutdownNow();
        try {
            fixture.close();
        } finally {
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("test threads stopped").isTrue();
        }
    }

    @Test
    void echoesLinesBackAndForth() throws Exception {
        Future<?> server = onServer(c -> {
            InputStream in = c.input();
            OutputStream out = c.output();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
            c.close();
            return null;
        });
        try (Connection client = dial()) {
            for (int i = 0; i < 20; i++) {
                String line = "CHECKPRESENT SHA256E-s" + i + "--key" + i + "\n";
                client.output().write(line.getBytes(StandardCharsets.US_ASCII));
                client.output().flush();
                assertThat(readExactly(client.input(), line.length())).isEqualTo(line.getBytes(StandardCharsets.US_ASCII));
            }
            client.shutdownOutput();
            assertThat(client.input().read()).isEqualTo(-1);
        }
        server.get(60, TimeUnit.SECONDS);
    }

    /** Both ways at once, each side knowing the length (as the P2P protocol's DATA does): no half-close needed. */
    @Test
    void largeStreamsBothWaysAtOnce() throws Exception {
        long size = largeStreamBytes();
        Future<byte[]> server = onServer(c -> {
            Future<byte[]> upload = pool.submit(() -> digestExactly(c.input(), size));
            writePattern(c.output(), 2, size);
            c.output().flush();
            byte[] digest = upload.get(100, TimeUnit.SECONDS);
            c.close();
            return digest;
        });
        long start = System.nanoTime();
        try (Connection client = dial()) {
            Future<byte[]> download = pool.submit(() -> digestExactly(client.input(), size));
            writePattern(client.output(), 1, size);
            client.output().flush();
            assertThat(download.get(100, TimeUnit.SECONDS)).as("download checksum").isEqualTo(patternDigest(2, size));
        }
        assertThat(server.get(100, TimeUnit.SECONDS)).as("upload checksum").isEqualTo(patternDigest(1, size));
        // Printed for the record (bench/run.sh --tor collects the onion's), never asserted.
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %,d bytes each way at once in %.2f s (%.1f MiB/s each way)%n", getClass().getSimpleName(),
                size, seconds, size / seconds / (1 << 20));
    }

    /** Whether connections offer {@link Connection#fileSender()} (the kernel can hand file pages to their peer). */
    protected boolean offersFileSender() {
        return true;
    }

    /**
     * A file handed over through {@link Connection#fileSender()} (sendfile), in slices, between lines written to
     * {@link Connection#output()}, reaches the peer whole and in order; where there is no file sender, the
     * stream carries the same bytes (what a sender falls back to).
     */
    @Test
    void fileBytesSentDirectlyArriveInOrderBetweenStreamedLines() throws Exception {
        int size = (3 << 20) + 17;
        byte[] content = new byte[size];
        fill(new SplittableRandom(7), content, size);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("contract-direct", ".bin");
        try {
            java.nio.file.Files.write(file, content);
            byte[] head = "DATA 1\n".getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "VALID\n".getBytes(StandardCharsets.US_ASCII);
            Future<byte[]> server = onServer(c -> {
                byte[] got = readExactly(c.input(), head.length + size + tail.length);
                c.close();
                return got;
            });
            try (Connection client = dial()) {
                assertThat(client.fileSender().isPresent()).as("file sender offered").isEqualTo(offersFileSender());
                client.output().write(head);
                client.output().flush();
                if (client.fileSender().isPresent()) {
                    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                        // Slices of a size that is no multiple of a page and more than a sender may take at once
                        // (it then sends less), the last one asking for more than is left.
                        for (long done = 0; done < size; ) {
                            long n = client.fileSender().get().send(ch, done, (1 << 20) + 4099);
                            assertThat(n).as("bytes sent from %d", done).isPositive();
                            done += n;
                        }
                        assertThat(client.fileSender().get().send(ch, size, 10)).as("nothing left at the end").isZero();
                        assertThat(ch.position()).as("the file's own position is left alone").isZero();
                    }
                } else {
                    client.output().write(content);
                }
                client.output().write(tail);
                client.output().flush();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                expected.write(head);
                expected.write(content);
                expected.write(tail);
                assertThat(server.get(60, TimeUnit.SECONDS)).isEqualTo(expected.toByteArray());
                client.shutdownOutput();
                assertThat(client.fileSender()).as("no file sender once shut").isEmpty();
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** Whether a half-closed stream still carries the peer's bytes to us (TCP yes; tor streams no). */
    protected boolean keepsHalfOpenStreams() {
        return true;
    }

    /**
     * Whether everything between writer and reader is bounded by {@link #maxBufferedBytes()}. Over tor it is not
     * ours to bound: tor may hold all of it, or close the stream when its memory guard trips.
     */
    protected boolean boundsBuffering() {
        return true;
    }

    @Test
    void halfCloseLetsThePeerAnswerAfterOurEndOfStream() throws Exception {
        Future<Long> server = onServer(c -> {
            long n = countUntilEof(c.input());
            try {
                c.output().write(("got " + n + "\n").getBytes(StandardCharsets.US_ASCII));
                c.output().flush();
            } catch (IOException closedBothWays) {
                // where half-close ends the whole stream, the answer has nowhere to go
            }
            c.close();
            return n;
        });
        try (Connection client = dial()) {
            writePattern(client.output(), 3, 100_000);
            client.shutdownOutput();
            assertThatThrownBy(() -> client.output().write(1)).as("writing after shutdownOutput").isInstanceOf(IOException.class);
            if (keepsHalfOpenStreams()) {
                assertThat(new String(client.input().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("got 100000\n");
            } else {
                assertThat(readAllOrNothing(client.input())).as("a half-close ends the stream both ways").isEmpty();
            }
        }
        assertThat(server.get(60, TimeUnit.SECONDS)).as("every byte before end-of-stream").isEqualTo(100_000L);
    }

    @Test
    void halfCloseNeverOvertakesBytesStillQueuedForASlowReader() throws Exception {
        int size = 8 << 20;
        Future<byte[]> server = onServer(c -> {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] small = new byte[700];
            for (int n; (n = c.input().read(small)) >= 0; ) {
                sha.update(small, 0, n);
            }
            return sha.digest();
        });
        try (Connection client = dial()) {
            writePattern(client.output(), 6, size);
            client.shutdownOutput();
            assertThat(server.get(100, TimeUnit.SECONDS)).as("every byte before end-of-stream").isEqualTo(patternDigest(6, size));
        }
    }

    @Test
    void readerSeesEndOrErrorWhenThePeerDiesMidStream() throws Exception {
        Future<?> server = onServer(c -> {
            writePattern(c.output(), 4, 1 << 20);
            c.close();
            return null;
        });
        try (Connection client = dial()) {
            long received = 0;
            try {
                received = countUntilEof(client.input());
            } catch (IOException expected) {
                // An abrupt close may surface as a reset; either outcome ends the read.
            }
            assertThat(received).isLessThanOrEqualTo(1 << 20);
        }
        server.get(60, TimeUnit.SECONDS);
    }

    @Test
    void writerFailsWhenThePeerDiesMidStream() throws Exception {
        Future<?> server = onServer(c -> {
            readExactly(c.input(), 1000);
            c.close();
            return null;
        });
        try (Connection client = dial()) {
            assertThatThrownBy(() -> writePattern(client.output(), 5, 1L << 40))
                    .as("an endless write to a dead peer must fail, not hang")
                    .isInstanceOf(IOException.class);
        }
        server.get(60, TimeUnit.SECONDS);
    }

    @Test
    void writerToANonReadingPeerBlocksAfterABoundedAmount() throws Exception {
        long bound = maxBufferedBytes();
        long attempt = bound * 2; // more than may be buffered, so the writer must block
        Future<Connection> accepted = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = accepted.get(60, TimeUnit.SECONDS)) {
            AtomicLong written = new AtomicLong();
            Future<?> writer = pool.submit(() -> {
                byte[] chunk = new byte[CHUNK];
                while (written.get() < attempt) {
                    int n = (int) Math.min(chunk.length, attempt - written.get());
                    client.output().write(chunk, 0, n);
                    client.output().flush();
                    written.addAndGet(n);
                }
                client.shutdownOutput();
                return null;
            });
            long stalledAt = Quiescence.await(written::get, Duration.ofSeconds(1), Duration.ofSeconds(60));
            System.out.printf("%s: writer blocked after %,d bytes accepted without a reader%n", getClass().getSimpleName(), stalledAt);
            if (!boundsBuffering()) {
                unboundedPathLosesNothingSilently(writer, server, attempt);
                return;
            }
            assertThat(writer.isDone()).as("writer finished although nobody read").isFalse();
            assertThat(stalledAt).as("bytes accepted without a reader").isLessThan(bound);
            // A reader slower than the writer keeps every buffer on the way full while the writer finishes and
            // half-closes, so the half-close must queue behind the transport's own pending writes.
            assertThat(countSlowlyUntilEof(server.input())).as("every byte arrives once the peer reads").isEqualTo(attempt);
            writer.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Where the path may buffer without our bound, the writer may finish or fail, but a writer told its bytes were
     * taken must see every one of them arrive, and a failure must be an {@link IOException}, never a hang.
     */
    private void unboundedPathLosesNothingSilently(Future<?> writer, Connection server, long attempt) throws Exception {
        long received;
        try {
            received = countSlowlyUntilEof(server.input());
        } catch (IOException e) {
            received = -1;
        }
        try {
            writer.get(60, TimeUnit.SECONDS);
            assertThat(received).as("every byte the writer was told was taken arrives").isEqualTo(attempt);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).as("how the writer failed").isInstanceOf(IOException.class);
            System.out.printf("%s: the path closed the stream under the writer: %s%n", getClass().getSimpleName(), e.getCause().getMessage());
        }
    }

    /** Fifty echo sessions at once; each announces its length first, so no side needs a half-close. */
    @Test
    void fiftyConcurrentConnections() throws Exception {
        int clients = 50;
        Future<?> acceptor = pool.submit(() -> {
            for (int i = 0; i < clients; i++) {
                Connection c = fixture.listener().accept();
                pool.submit(() -> {
                    try (c) {
                        long length = new java.io.DataInputStream(c.input()).readLong();
                        byte[] buf = new byte[CHUNK];
                        for (long left = length; left > 0; ) {
                            int n = c.input().read(buf, 0, (int) Math.min(buf.length, left));
                            if (n < 0) {
                                throw new java.io.EOFException("echo client left early");
                            }
                            c.output().write(buf, 0, n);
                            left -= n;
                        }
                        c.output().flush();
                    }
                    return null;
                });
            }
            return null;
        });
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int seed = 100 + i;
            long size = 64 * 1024 + seed;
            results.add(pool.submit(() -> {
                try (Connection c = dial()) {
                    Future<byte[]> back = pool.submit(() -> digestExactly(c.input(), size));
                    new java.io.DataOutputStream(c.output()).writeLong(size);
                    writePattern(c.output(), seed, size);
                    c.output().flush();
                    return Arrays.equals(back.get(100, TimeUnit.SECONDS), patternDigest(seed, size));
                }
            }));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get(100, TimeUnit.SECONDS)).as("echoed bytes match").isTrue();
        }
        acceptor.get(60, TimeUnit.SECONDS);
    }

    @Test
    void closeUnblocksABlockedReader() throws Exception {
        Future<Connection> accepted = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = accepted.get(60, TimeUnit.SECONDS)) {
            Future<Integer> reader = pool.submit(() -> {
                try {
                    return client.input().read();
                } catch (IOException e) {
                    return -2;
                }
            });
            client.close();
            assertThat(reader.get(30, TimeUnit.SECONDS)).as("read after close: end of stream or IOException").isIn(-1, -2);
            assertThat(server.input().read()).as("the peer sees our close").isEqualTo(-1);
        }
    }

    @Test
    void writingAfterCloseFails() throws Exception {
        Future<Connection> accepted = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = accepted.get(60, TimeUnit.SECONDS)) {
            client.close();
            assertThatThrownBy(() -> client.output().write(1)).as("a one-byte write after close").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> client.output().write(new byte[10])).as("a write after close").isInstanceOf(IOException.class);
            assertThat(server.input().read()).as("nothing written after close reaches the peer").isEqualTo(-1);
        }
    }

    @Test
    void closeUnblocksABlockedWriter() throws Exception {
        Future<Connection> accepted = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = accepted.get(60, TimeUnit.SECONDS)) {
            AtomicLong written = new AtomicLong();
            Future<?> writer = pool.submit(() -> {
                byte[] chunk = new byte[CHUNK];
                while (true) {
                    client.output().write(chunk);
                    client.output().flush();
                    written.addAndGet(chunk.length);
                }
            });
            Quiescence.await(written::get, Duration.ofSeconds(1), Duration.ofSeconds(60));
            client.close();
            assertThatThrownBy(() -> writer.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
            assertThat(server).isNotNull();
        }
    }

    @Test
    void closingTheListenerUnblocksAccept() throws Exception {
        Future<Connection> accepting = pool.submit(() -> fixture.listener().accept());
        fixture.listener().close();
        assertThatThrownBy(() -> accepting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void dialingNothingFailsWithinTheTimeout() {
        Duration timeout = fixture.dialTimeout();
        assertTimeoutPreemptively(timeout.plusSeconds(10), () -> assertThatThrownBy(
                        () -> fixture.dialer().dial(fixture.unreachableAddress(), timeout))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(fixture.unreachableAddress()));
    }

    @Test
    void connectionsDescribeThemselves() throws Exception {
        Future<Connection> accepted = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = accepted.get(60, TimeUnit.SECONDS)) {
            assertThat(client.description()).isNotBlank();
            assertThat(server.description()).isNotBlank();
        }
    }

    /**
     * {@link Connection#whenReadable}, where the transport offers it (a fresh connection with nothing sent
     * accepts the registration): the task runs once bytes arrive, not before; it is refused while bytes wait; it
     * runs when the peer hangs up, and when the connection is closed here.
     */
    @Test
    void whenReadableRunsOnceBytesArriveOrTheStreamEnds() throws Exception {
        Future<Connection> accepted = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = accepted.get(60, TimeUnit.SECONDS)) {
            CountDownLatch arrived = new CountDownLatch(1);
            boolean offered = server.whenReadable(arrived::countDown);
            assertThat(offered).as("offers to tell when a fresh connection is readable").isEqualTo(tellsWhenReadable());
            if (!offered) {
                assertRefusalLeavesReadsBlocking(client, server);
                return;
            }
            assertThat(arrived.getCount()).as("nothing sent yet").isEqualTo(1);
            client.output().write("ab".getBytes(StandardCharsets.US_ASCII));
            client.output().flush();
            assertThat(arrived.await(30, TimeUnit.SECONDS)).as("told of the bytes").isTrue();
            assertThat(server.input().read()).isEqualTo('a');
            assertThat(server.whenReadable(() -> { })).as("refused while a byte waits").isFalse();
            assertThat(server.input().read()).isEqualTo('b');
            CountDownLatch ended = new CountDownLatch(1);
            assertThat(server.whenReadable(ended::countDown)).isTrue();
            client.close();
            assertThat(ended.await(30, TimeUnit.SECONDS)).as("told of the peer's hang-up").isTrue();
            assertThat(readOrFail(server.input())).as("end of stream or an error").isIn(-1, -2);
            assertThat(server.whenReadable(() -> { })).as("refused after the end").isFalse();
        }
        Future<Connection> second = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = second.get(60, TimeUnit.SECONDS)) {
            CountDownLatch closed = new CountDownLatch(1);
            assertThat(server.whenReadable(closed::countDown)).isTrue();
            server.close();
            assertThat(closed.await(30, TimeUnit.SECONDS)).as("told of the close here").isTrue();
        }
    }

    /**
     * Bytes arriving one by one while the reader registers again and again: a registration made as a byte comes in
     * is either refused (the byte is there) or told of it, never left waiting for a byte already queued.
     */
    @Test
    void whenReadableLosesNoByteThatArrivesAsItRegisters() throws Exception {
        int total = 2000;
        Future<Connection> accepted = pool.submit(() -> fixture.listener().accept());
        try (Connection client = dial(); Connection server = accepted.get(60, TimeUnit.SECONDS)) {
            CountDownLatch first = new CountDownLatch(1);
            boolean offered = server.whenReadable(first::countDown);
            assertThat(offered).as("offers to tell when a fresh connection is readable").isEqualTo(tellsWhenReadable());
            if (!offered) {
                assertRefusalLeavesReadsBlocking(client, server);
                return;
            }
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < total; i++) {
                    client.output().write(i);
                    client.output().flush();
                }
                return null;
            });
            assertThat(first.await(30, TimeUnit.SECONDS)).as("told of the first byte").isTrue();
            byte[] buf = new byte[64];
            int read = 0;
            while (read < total) {
                if (read > 0) {
                    CountDownLatch readable = new CountDownLatch(1);
                    if (server.whenReadable(readable::countDown)) {
                        assertThat(readable.await(30, TimeUnit.SECONDS)).as("told of byte " + read).isTrue();
                    }
                }
                int n = server.input().read(buf, 0, Math.min(buf.length, total - read));
                assertThat(n).isPositive();
                for (int i = 0; i < n; i++) {
                    assertThat(buf[i]).isEqualTo((byte) (read + i));
                }
                read += n;
            }
            writer.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Whether this transport offers {@link Connection#whenReadable} (a server then holds its idle peers without a
     * thread). One that does not must refuse every registration, so its readers go on blocking as before.
     */
    protected boolean tellsWhenReadable() {
        return true;
    }

    /** A refused registration changes nothing: the bytes sent next are read, in order, by a plain blocking read. */
    private static void assertRefusalLeavesReadsBlocking(Connection client, Connection server) throws IOException {
        client.output().write("ab".getBytes(StandardCharsets.US_ASCII));
        client.output().flush();
        assertThat(server.input().read()).isEqualTo('a');
        assertThat(server.whenReadable(() -> { })).as("refused while a byte waits").isFalse();
        assertThat(server.input().read()).isEqualTo('b');
    }

    // --- helpers shared by the tests ---

    private static int readOrFail(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -2;
        }
    }

    private Connection dial() throws IOException {
        return fixture.dialer().dial(fixture.address(), fixture.dialTimeout());
    }

    private interface ServerSide<T> {
        T serve(Connection connection) throws Exception;
    }

    private <T> Future<T> onServer(ServerSide<T> side) {
        return pool.submit((Callable<T>) () -> {
            Connection c = fixture.listener().accept();
            try {
                return side.serve(c);
            } finally {
                c.close();
            }
        });
    }

    /** Writes {@code size} bytes of a seeded pseudo-random pattern in 64 KiB writes. */
    static void writePattern(OutputStream out, long seed, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[CHUNK];
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            fill(random, chunk, n);
            out.write(chunk, 0, n);
            left -= n;
        }
        out.flush();
    }

    static byte[] patternDigest(long seed, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[CHUNK];
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            fill(random, chunk, n);
            sha.update(chunk, 0, n);
            left -= n;
        }
        return sha.digest();
    }

    private static void fill(SplittableRandom random, byte[] chunk, int n) {
        for (int i = 0; i < n; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                chunk[i + j] = (byte) (v >>> (8 * j));
            }
        }
    }

    static byte[] digestUntilEof(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[CHUNK];
        for (int n; (n = in.read(buf)) >= 0; ) {
            sha.update(buf, 0, n);
        }
        return sha.digest();
    }

    static byte[] digestExactly(InputStream in, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[CHUNK];
        for (long left = size; left > 0; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new java.io.EOFException("stream ended " + left + " bytes early");
            }
            sha.update(buf, 0, n);
            left -= n;
        }
        return sha.digest();
    }

    /** What arrives before end of stream, or nothing when the stream ends with an error instead. */
    static byte[] readAllOrNothing(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException reset) {
            return new byte[0];
        }
    }

    static long countUntilEof(InputStream in) throws IOException {
        byte[] buf = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** Reads at most about 100 MiB/s: a pause of 10 ms after each MiB. */
    static long countSlowlyUntilEof(InputStream in) throws IOException, InterruptedException {
        byte[] buf = new byte[CHUNK];
        long total = 0;
        long nextPause = 1 << 20;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
            if (total >= nextPause) {
                Thread.sleep(10);
                nextPause += 1 << 20;
            }
        }
        return total;
    }

    static byte[] readExactly(InputStream in, int size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[Math.min(size, CHUNK)];
        while (out.size() < size) {
            int n = in.read(buf, 0, Math.min(buf.length, size - out.size()));
            if (n < 0) {
                throw new IOException("end of stream after " + out.size() + " of " + size + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
