package org.annexp2p.transports.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.contract.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MemoryNetworkTest {

    private static final Duration DIAL = Duration.ofSeconds(1);

    @Test
    void closeAfterCutsTheStreamAtTheExactByte() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        net.inject("s", Fault.closeAfter(Direction.TO_LISTENER, 10));
        try (Listener l = net.listen("s"); Connection c = net.dial("s", DIAL); Connection s = l.accept()) {
            assertThatThrownBy(() -> c.output().write(new byte[25])).isInstanceOf(IOException.class).hasMessageContaining("reset");
            byte[] got = new byte[100];
            assertThat(s.input().read(got)).isEqualTo(10);
            assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> s.output().write(1)).as("the whole link is broken").isInstanceOf(IOException.class);
        }
    }

    @Test
    void slowLinksDeliverAtMostKBytesPerRead() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        net.inject("s", Fault.slow(3));
        try (Listener l = net.listen("s"); Connection c = net.dial("s", DIAL); Connection s = l.accept()) {
            c.output().write(new byte[10]);
            byte[] buf = new byte[100];
            assertThat(s.input().read(buf)).isEqualTo(3);
            assertThat(s.input().read(buf)).isEqualTo(3);
            assertThat(s.input().read(buf)).isEqualTo(3);
            assertThat(s.input().read(buf)).isEqualTo(1);
        }
    }

    @Test
    void stallHoldsDeliveryUntilReleased() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        try (Listener l = net.listen("s"); Connection c = net.dial("s", DIAL); Connection s = l.accept()) {
            c.output().write(new byte[] {1});
            assertThat(s.input().read()).isEqualTo(1);
            net.stall("s");
            c.output().write(new byte[] {2});
            assertThat(s.input().available()).as("nothing deliverable while stalled").isZero();
            CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.input().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            net.release("s");
            assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    @Test
    void stallAfterABytecountThenRelease() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        net.inject("s", Fault.stallAfter(Direction.TO_DIALER, 4));
        try (Listener l = net.listen("s"); Connection c = net.dial("s", DIAL); Connection s = l.accept()) {
            s.output().write(new byte[] {1, 2, 3, 4, 5, 6});
            byte[] buf = new byte[10];
            assertThat(c.input().read(buf)).isEqualTo(4);
            assertThat(c.input().available()).isZero();
            net.release("s");
            assertThat(c.input().read(buf)).isEqualTo(2);
        }
    }

    @Test
    void partitionBreaksLiveLinksAndRefusesUntilHealed() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        try (Listener l = net.listen("s"); Connection c = net.dial("s", DIAL); Connection s = l.accept()) {
            net.partition("s");
            assertThatThrownBy(() -> c.output().write(1)).isInstanceOf(IOException.class).hasMessageContaining("partition");
            assertThatThrownBy(() -> s.input().read()).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> net.dial("s", DIAL)).isInstanceOf(IOException.class).hasMessage("connection refused: memory:s");
            net.heal("s");
            try (Connection again = net.dial("s", DIAL); Connection accepted = l.accept()) {
                again.output().write(7);
                assertThat(accepted.input().read()).isEqualTo(7);
            }
        }
    }

    @Test
    void aWriterBlocksAfterExactlyTheBufferSize() throws Exception {
        MemoryNetwork net = new MemoryNetwork(1000);
        try (Listener l = net.listen("s"); Connection c = net.dial("s", DIAL); Connection s = l.accept()) {
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 1500; i++) {
                        c.output().write(i);
                        written.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(Quiescence.await(written::get, Duration.ofMillis(300), Duration.ofSeconds(30))).isEqualTo(1000);
            assertThat(writer).isNotDone();
            assertThat(s.input().readNBytes(1500)).hasSize(1500);
            writer.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingAListenerResetsConnectionsNobodyAccepted() throws Exception {
        MemoryNetwork net = new MemoryNetwork();
        Listener l = net.listen("s");
        Connection c = net.dial("s", DIAL);
        l.close();
        assertThatThrownBy(() -> c.input().read()).isInstanceOf(IOException.class).hasMessageContaining("listener closed");
        assertThatThrownBy(() -> net.dial("s", DIAL)).isInstanceOf(IOException.class);
        net.listen("s").close();
    }
}
