package org.annexp2p.transports.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;

/**
 * Under any combination of faults, each side receives a prefix of what the other side sent: faults cut
 * streams, they never corrupt or reorder them. Without a cutting fault, everything arrives.
 */
class MemoryNetworkFaultProperties {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "memory-fault-property");
        t.setDaemon(true);
        return t;
    });

    @AfterContainer
    static void stopPool() throws InterruptedException {
        POOL.shutdownNow();
        POOL.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Property(tries = 60)
    void bothDirectionsDeliverAPrefixOfWhatWasSent(
            @ForAll @IntRange(min = 0, max = 100_000) int toListenerSize,
            @ForAll @IntRange(min = 0, max = 100_000) int toDialerSize,
            @ForAll @IntRange(min = 1, max = 70_000) int bufferSize,
            @ForAll @IntRange(min = 1, max = 20_000) int writeChunk,
            @ForAll("faults") @Size(max = 3) List<Fault> faults,
            @ForAll("partitionPoint") int partitionAfter,
            @ForAll long seed) throws Exception {
        MemoryNetwork network = new MemoryNetwork(bufferSize);
        network.inject("p", faults.toArray(Fault[]::new));
        byte[] up = random(seed, toListenerSize);
        byte[] down = random(~seed, toDialerSize);
        try (Listener listener = network.listen("p")) {
            Connection dialer = network.dial("p", Duration.ofSeconds(1));
            Connection server = listener.accept();
            AtomicLong upRead = new AtomicLong();
            AtomicLong downRead = new AtomicLong();
            CompletableFuture<byte[]> upReceived = read(server, upRead, partitionAfter, network);
            CompletableFuture<byte[]> downReceived = read(dialer, downRead, Integer.MAX_VALUE, network);
            CompletableFuture<Boolean> upWritten = write(dialer, up, writeChunk);
            CompletableFuture<Boolean> downWritten = write(server, down, writeChunk);
            CompletableFuture<Void> all = CompletableFuture.allOf(upReceived, downReceived, upWritten, downWritten);
            releaseStallsUntilDone(network, all);
            all.get(60, TimeUnit.SECONDS);

            assertPrefix(upReceived.get(), up);
            assertPrefix(downReceived.get(), down);
            // The reader partitions once it has partitionAfter bytes, so also when that is all of them: the other
            // direction may then still be in flight. With nothing to read, it never partitions.
            boolean cutting = (toListenerSize > 0 && partitionAfter <= toListenerSize)
                    || faults.stream().anyMatch(f -> f instanceof Fault.CloseAfter);
            if (!cutting) {
                assertThat(upReceived.get()).isEqualTo(up);
                assertThat(downReceived.get()).isEqualTo(down);
                assertThat(upWritten.get() && downWritten.get()).isTrue();
            }
            for (Fault f : faults) {
                if (f instanceof Fault.CloseAfter c) {
                    byte[] got = c.direction() == Direction.TO_LISTENER ? upReceived.get() : downReceived.get();
                    assertThat(got.length).as("never more than the close-after count").isLessThanOrEqualTo((int) Math.min(Integer.MAX_VALUE, c.bytes()));
                }
            }
            dialer.close();
            server.close();
        }
    }

    @Property(tries = 20)
    void refusedAndPartitionedNamesCannotBeDialed(@ForAll boolean partition) throws Exception {
        MemoryNetwork network = new MemoryNetwork();
        try (Listener listener = network.listen("p")) {
            if (partition) {
                network.partition("p");
            } else {
                network.inject("p", Fault.refuse());
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> network.dial("p", Duration.ofSeconds(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("connection refused: memory:p");
            network.heal("p");
            network.clearFaults("p");
            network.dial("p", Duration.ofSeconds(1)).close();
            listener.accept().close();
        }
    }

    @Provide
    Arbitrary<List<Fault>> faults() {
        Arbitrary<Direction> direction = Arbitraries.of(Direction.class);
        Arbitrary<Long> bytes = Arbitraries.longs().between(0, 120_000);
        Arbitrary<Fault> closeAfter = Combinators.combine(direction, bytes).as(Fault.CloseAfter::new);
        Arbitrary<Fault> stallAfter = Combinators.combine(direction, bytes).as(Fault.StallAfter::new);
        Arbitrary<Fault> slow = Arbitraries.integers().between(1, 5_000).map(Fault.Slow::new);
        return Arbitraries.oneOf(closeAfter, stallAfter, slow).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Integer> partitionPoint() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Integer.MAX_VALUE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 100_000)));
    }

    private static CompletableFuture<byte[]> read(Connection c, AtomicLong progress, int partitionAfter, MemoryNetwork network) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = c.input().read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                    progress.addAndGet(n);
                    if (got.size() >= partitionAfter) {
                        network.partition("p");
                    }
                }
            } catch (IOException cut) {
                // A fault ended the stream; what arrived so far is what the property checks.
            }
            return got.toByteArray();
        }, POOL);
    }

    private static CompletableFuture<Boolean> write(Connection c, byte[] data, int chunk) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (int off = 0; off < data.length; off += chunk) {
                    c.output().write(data, off, Math.min(chunk, data.length - off));
                }
                c.shutdownOutput();
                return true;
            } catch (IOException cut) {
                return false;
            }
        }, POOL);
    }

    /** Stalls hold until released; releasing repeatedly lets every stall eventually pass, in any order. */
    private static void releaseStallsUntilDone(MemoryNetwork network, CompletableFuture<?> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.isDone() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            network.release("p");
        }
    }

    private static void assertPrefix(byte[] received, byte[] sent) {
        assertThat(received.length).isLessThanOrEqualTo(sent.length);
        assertThat(received).as("received bytes are a prefix of the sent bytes").isEqualTo(Arrays.copyOf(sent, received.length));
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
