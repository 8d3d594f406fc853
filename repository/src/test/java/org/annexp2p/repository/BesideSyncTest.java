package org.annexp2p.repository;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BesideSyncTest {
    @TempDir
    Path dir;

    /** The threads this test's own {@link DirectorySyncs} made, whatever other tests of this JVM run. */
    private final List<Thread> made = new CopyOnWriteArrayList<>();
    private final DirectorySyncs syncs = new DirectorySyncs(recorded(made));

    @Test
    void directoriesThatExistAreSynced() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(a.resolve("b"));
        assertDoesNotThrow(syncs.start(List.of(b, a, dir))::await);
    }

    @Test
    void aDirectoryThatCannotBeSyncedFailsTheWait() {
        BesideSync sync = syncs.start(List.of(dir, dir.resolve("gone")));
        IOException e = assertThrows(IOException.class, sync::await);
        assertTrue(e instanceof NoSuchFileException, e.toString());
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() throws IOException {
        Thread.currentThread().interrupt();
        try {
            BesideSync sync = syncs.start(List.of(dir.resolve("gone")));
            assertThrows(NoSuchFileException.class, sync::await);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    /** A server that stores nothing more must not keep the sync's thread (the fuzz properties count threads left). */
    @Test
    void itsThreadEndsSoonAfterTheLastSync() throws Exception {
        syncs.start(List.of(dir)).await();
        assertEquals(1, made.size(), "one thread synced");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (alive(made) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, alive(made), "directory sync threads still alive after 20 s unused");
    }

    @Test
    void nothingToSyncStartsNoThread() throws IOException {
        syncs.start(List.of()).await();
        assertEquals(List.of(), made);
    }

    /** Each repository's syncs run on threads of its own: one repository's pool is not another's. */
    @Test
    void twoOwnersShareNoThreads() throws IOException {
        List<Thread> otherMade = new CopyOnWriteArrayList<>();
        DirectorySyncs other = new DirectorySyncs(recorded(otherMade));
        other.start(List.of(dir)).await();
        assertEquals(List.of(), made, "the other owner's sync ran on a thread of this one's");
        assertEquals(1, otherMade.size());
        syncs.start(List.of(dir)).await();
        assertEquals(1, made.size());
        assertEquals(1, otherMade.size(), "this owner's sync ran on a thread of the other's");
    }

    private static ThreadFactory recorded(List<Thread> into) {
        return body -> {
            Thread t = new Thread(body, DirectorySyncs.THREAD_NAME);
            t.setDaemon(true);
            into.add(t);
            return t;
        };
    }

    private static long alive(List<Thread> threads) {
        return threads.stream().filter(Thread::isAlive).count();
    }
}
