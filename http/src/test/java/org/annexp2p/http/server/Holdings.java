package org.annexp2p.http.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What this process holds — open file descriptors, live threads (and their names, to say which ones a run added),
 * and server threads still busy with a request — so that a test can tell that a run of clients left nothing behind.
 */
record Holdings(long descriptors, int threads, long busy, List<String> names) {

    static Holdings now() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            Map<Thread, StackTraceElement[]> threads = Thread.getAllStackTraces();
            return new Holdings(fds.count(), threads.size(), busyServerThreads(threads),
                    threads.keySet().stream().map(Thread::getName).sorted().toList());
        }
    }

    /**
     * Waits (as a safety net, up to {@code seconds}) until no server thread is busy with a request — a cut-off
     * client's request may still be noticing that its client is gone — and says what is held then.
     */
    static Holdings settled(int seconds) throws IOException, InterruptedException {
        Holdings h = now();
        for (int i = 0; i < seconds * 20 && h.busy() > 0; i++) {
            Thread.sleep(50);
            h = now();
        }
        return h;
    }

    /** Request and repository threads of the server not parked in their pool waiting for work. */
    private static long busyServerThreads(Map<Thread, StackTraceElement[]> threads) {
        return threads.entrySet().stream().filter(t -> t.getKey().getName().startsWith("p2phttp-request")
                || t.getKey().getName().startsWith("p2phttp-repository"))
                .filter(t -> Arrays.stream(t.getValue()).noneMatch(f -> f.getMethodName().equals("getTask")))
                .count();
    }
}
