package org.annexp2p.cli.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.annexp2p.testkit.process.RunningCommand;

/**
 * {@code annex-p2p serve --listen} in its own JVM, so that its heap and threads are the server's alone. Its GC
 * log says how much heap survived each collection; {@link #liveHeapMiB()} forces a full collection (through
 * jcmd) so that what survives is what the server really holds.
 */
final class ServerProcess implements AutoCloseable {

    /** The server's heap limit: well above its bounded needs, well below the bytes a scale run moves. */
    static final String MAX_HEAP = "-Xmx1g";

    private static final Pattern LISTENING = Pattern.compile("on tcp://127\\.0\\.0\\.1:(\\d+)");
    /** A collection in the unified GC log: heap before -> after (capacity). */
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");

    private final RunningCommand process;
    private final Path gcLog;
    private final int port;

    private ServerProcess(RunningCommand process, Path gcLog, int port) {
        this.process = process;
        this.gcLog = gcLog;
        this.port = port;
    }

    static ServerProcess start(Path repo, int maxConnections, Path logs) throws IOException, InterruptedException {
        Files.createDirectories(logs);
        Path gcLog = logs.resolve("gc.log");
        RunningCommand p = Command.java(MAX_HEAP, "-Xlog:gc:file=" + gcLog, "-jar", AnnexP2p.jar().toString(), "serve",
                "--repo", repo.toString(), "--listen", "127.0.0.1:0", "--max-connections", Integer.toString(maxConnections))
                .in(repo).log(logs.resolve("serve.log")).start();
        return new ServerProcess(p, gcLog, Integer.parseInt(p.awaitErr(LISTENING, Duration.ofSeconds(60))));
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Threads the server JVM has right now (Linux /proc), handlers and JVM housekeeping alike. */
    int threads() throws IOException {
        Matcher m = THREADS.matcher(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
        assertThat(m.find()).as("Threads: in /proc/%d/status", process.pid()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** The server's resident memory now and at its peak (VmRSS, VmHWM from /proc), for the record. */
    String residentMemory() throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")).lines()
                .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("?");
    }

    /** Forces a full collection in the server and returns the heap that survived it, in MiB. */
    long liveHeapMiB() throws IOException, InterruptedException {
        int before = collections().size();
        Finished jcmd = Command.of(javaTool("jcmd"), Long.toString(process.pid()), "GC.run").run(Duration.ofSeconds(60));
        assertThat(jcmd.exit()).as("jcmd GC.run: %s%s", jcmd.out(), jcmd.err()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = collections();
            for (int i = lines.size() - 1; i >= before; i--) {
                // jcmd's collection is logged as "Diagnostic Command" (System.gc() would say so instead).
                if (lines.get(i).contains("Diagnostic Command") || lines.get(i).contains("System.gc()")) {
                    Matcher m = COLLECTION.matcher(lines.get(i));
                    m.find();
                    return Long.parseLong(m.group(2));
                }
            }
            Thread.sleep(20);
        }
        return fail("no forced collection in the server's GC log after jcmd GC.run:%n%s", String.join("\n", collections()));
    }

    /** The most heap that survived any collection so far, in MiB: an upper bound of what was live then. */
    long peakHeapAfterCollectionsMiB() throws IOException {
        long peak = 0;
        for (String line : collections()) {
            Matcher m = COLLECTION.matcher(line);
            m.find();
            peak = Math.max(peak, Long.parseLong(m.group(2)));
        }
        return peak;
    }

    int collectionCount() throws IOException {
        return collections().size();
    }

    String stderr() {
        return process.err();
    }

    private List<String> collections() throws IOException {
        if (!Files.exists(gcLog)) {
            return List.of();
        }
        return Files.readAllLines(gcLog).stream().filter(l -> COLLECTION.matcher(l).find()).toList();
    }

    private static String javaTool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    /** SIGTERM, as a user's Ctrl-C: the server stops accepting and lets its connections finish. */
    @Override
    public void close() {
        process.close();
    }
}
