package org.annexp2p.transports.readable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class ReadableSignalTest {
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean bytesWaiting = new AtomicBoolean();
    private final ReadableSignal signal = new ReadableSignal(lock, bytesWaiting::get);
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void aRegistrationWhileAReadWouldNotBlockIsRefused() {
        bytesWaiting.set(true);
        assertThat(signal.register(runs::incrementAndGet)).isFalse();
        lock.lock();
        try {
            assertThat(signal.take()).isNull();
        } finally {
            lock.unlock();
        }
    }

    @Test
    void anArrivalAfterTheRegistrationTakesTheTaskOnce() {
        assertThat(signal.register(runs::incrementAndGet)).isTrue();
        Runnable first;
        Runnable second;
        lock.lock();
        try {
            assertThat(signal.takeIfReadable()).as("nothing arrived yet").isNull();
            bytesWaiting.set(true);
            first = signal.takeIfReadable();
            second = signal.take();
        } finally {
            lock.unlock();
        }
        ReadableSignal.run(first);
        ReadableSignal.run(second);
        assertThat(runs).hasValue(1);
    }

    @Test
    void theTaskIsTakenOnlyUnderTheLockItsRegistrationTakes() {
        assertThat(signal.register(runs::incrementAndGet)).isTrue();
        assertThatThrownBy(signal::take).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(signal::takeIfReadable).isInstanceOf(IllegalStateException.class);
    }
}
