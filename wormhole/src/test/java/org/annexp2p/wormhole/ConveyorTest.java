package org.annexp2p.wormhole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConveyorTest {

    @Test
    void passesBuffersInOrderAndEndsTheStream() throws Exception {
        try (Conveyor c = Conveyor.start(8, "test-producer", conveyor -> {
            for (int i = 0; i < 3 * Conveyor.BUFFERS; i++) {
                ByteBuffer b = conveyor.takeEmpty();
                b.put((byte) i);
                conveyor.pass(b.flip());
            }
            conveyor.end();
        })) {
            for (int i = 0; i < 3 * Conveyor.BUFFERS; i++) {
                ByteBuffer b = c.takeFull();
                assertThat(b.remaining()).isEqualTo(1);
                assertThat(b.get(0)).isEqualTo((byte) i);
                c.giveBack(b);
            }
            assertThat(c.takeFull().hasRemaining()).isFalse();
            assertThat(c.takeFull().hasRemaining()).as("the end stays the end").isFalse();
            c.finish();
        }
    }

    @Test
    void aProducerMayEndWithEveryBufferFull() throws Exception {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.set(e));
        try (Conveyor c = Conveyor.start(8, "test-producer", conveyor -> {
            for (int i = 0; i < Conveyor.BUFFERS; i++) {
                conveyor.pass(conveyor.takeEmpty().put((byte) i).flip());
            }
            conveyor.end();
        })) {
            c.finish();
            for (int i = 0; i < Conveyor.BUFFERS; i++) {
                assertThat(c.takeFull().get(0)).isEqualTo((byte) i);
            }
            assertThat(c.takeFull().hasRemaining()).isFalse();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(uncaught.get()).isNull();
    }

    @Test
    void theWorkersFailureReachesTheCallerWaitingForAnEmptyBuffer() throws Exception {
        try (Conveyor c = Conveyor.start(8, "test-consumer", conveyor -> {
            conveyor.takeFull();
            throw new IOException("No space left on device");
        })) {
            ByteBuffer b = c.takeEmpty();
            c.pass(b.put((byte) 1).flip());
            // The caller keeps filling; once the worker has failed, a hand-off says why instead of waiting forever.
            assertThatThrownBy(() -> {
                for (int i = 0; i < 2 * Conveyor.BUFFERS; i++) {
                    c.pass(c.takeEmpty().put((byte) 2).flip());
                }
            }).isInstanceOf(IOException.class).hasMessage("No space left on device");
            assertThatThrownBy(c::finish).hasMessage("No space left on device");
        }
    }

    @Test
    void theWorkersFailureReachesTheCallerWaitingForAFullBuffer() {
        try (Conveyor c = Conveyor.start(8, "test-producer", conveyor -> {
            throw new IOException("Input/output error");
        })) {
            assertThatThrownBy(c::takeFull).isInstanceOf(IOException.class).hasMessage("Input/output error");
            assertThatThrownBy(c::takeFull).as("and again").hasMessage("Input/output error");
        }
    }

    @Test
    void closingStopsAWorkerThatWaitsAndWaitsForIt() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        Conveyor c = Conveyor.start(8, "test-consumer", conveyor -> {
            try {
                waiting.countDown();
                conveyor.takeFull();
            } finally {
                stopped.set(true);
            }
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        c.close();
        assertThat(stopped).as("the worker has returned when close does").isTrue();
    }

    @Test
    void aBufferLargerThanTheOthersCanTakeOnesPlace() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try (Conveyor c = Conveyor.start(4, "test-consumer", conveyor -> {
            for (ByteBuffer b = conveyor.takeFull(); b.hasRemaining(); b = conveyor.takeFull()) {
                written.write(b.array(), 0, b.limit());
                conveyor.giveBack(b);
            }
        })) {
            c.takeEmpty(); // dropped: the larger one replaces it
            c.pass(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}));
            for (int i = 0; i < 3 * Conveyor.BUFFERS; i++) {
                ByteBuffer b = c.takeEmpty();
                c.pass(b.put((byte) 10).flip());
            }
            c.end();
            c.finish();
        }
        assertThat(written.size()).isEqualTo(9 + 3 * Conveyor.BUFFERS);
    }
}
