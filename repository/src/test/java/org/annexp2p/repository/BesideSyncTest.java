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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BesideSyncTest {
    @TempDir
    Path dir;

    @Test
    void directoriesThatExistAreSynced() throws IOException {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(a.resolve("b"));
        assertDoesNotThrow(BesideSync.directories(List.of(b, a, dir))::await);
    }

    @Test
    void aDirectoryThatCannotBeSyncedFailsTheWait() {
        BesideSync sync = BesideSync.directories(List.of(dir, dir.resolve("gone")));
        IOException e = assertThrows(IOException.class, sync::await);
        assertTrue(e instanceof NoSuchFileException, e.toString());
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() throws IOException {
        Thread.currentThread().interrupt();
        try {
            BesideSync sync = BesideSync.directories(List.of(dir.resolve("gone")));
            assertThrows(NoSuchFileException.class, sync::await);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    /** A server that stores nothing more must not keep the sync's thread (the fuzz properties count threads left). */
    @Test
    void itsThreadEndsSoonAfterTheLastSync() throws Exception {
        BesideSync.directories(List.of(dir)).await();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (syncThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, syncThreads(), "directory sync threads still alive after 20 s unused");
    }

    private static long syncThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("annex-p2p directory sync")).count();
    }
}
