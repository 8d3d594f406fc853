package org.annexp2p.transports.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.tcp.TcpOptions;
import org.annexp2p.transports.tcp.TcpTransport;

/**
 * Benchmark program (not a test): one-way bulk transfer over TCP loopback, through our Netty-backed
 * blocking streams versus a plain java.net.Socket copy, both with 64 KiB reads and writes. Prints MiB/s
 * and process CPU seconds per GiB for each round, and the ratio of the best rounds.
 *
 * <p>Run: {@code java -cp <test-classpath> org.annexp2p.transports.bench.TcpThroughputBench [MiB] [rounds] [event-loop-threads]}
 */
public final class TcpThroughputBench {

    private static final int CHUNK = 64 * 1024;

    private TcpThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        long mib = args.length > 0 ? Long.parseLong(args[0]) : 2048;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TcpOptions options = args.length > 2 ? TcpOptions.defaults().withEventLoopThreads(Integer.parseInt(args[2])) : TcpOptions.defaults();
        long bytes = mib << 20;
        double bestRaw = 0;
        double bestOurs = 0;
        try (TcpTransport transport = new TcpTransport(options)) {
            for (int round = 1; round <= rounds; round++) {
                long cpu0 = processCpuNanos();
                double raw = rawSocket(bytes);
                long cpu1 = processCpuNanos();
                double ours = ours(transport, bytes);
                long cpu2 = processCpuNanos();
                double gib = bytes / (double) (1L << 30);
                bestRaw = Math.max(bestRaw, raw);
                bestOurs = Math.max(bestOurs, ours);
                System.out.printf("round %d: raw socket %8.1f MiB/s   annex-p2p tcp %8.1f MiB/s   ratio %.2f"
                                + "   (CPU s/GiB: raw %.2f, ours %.2f)%n",
                        round, raw, ours, ours / raw, (cpu1 - cpu0) / 1e9 / gib, (cpu2 - cpu1) / 1e9 / gib);
            }
        }
        System.out.printf("event loop threads: %d%n", options.eventLoopThreads());
        System.out.printf("best of %d x %d MiB: raw socket %.1f MiB/s, annex-p2p tcp %.1f MiB/s, ratio %.2f%n",
                rounds, mib, bestRaw, bestOurs, bestOurs / bestRaw);
    }

    private static double rawSocket(long bytes) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Long> sink = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    return drain(s.getInputStream());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                client.setTcpNoDelay(true);
                long start = System.nanoTime();
                fill(client.getOutputStream(), bytes);
                client.shutdownOutput();
                long received = sink.get(10, TimeUnit.MINUTES);
                return rate(received, bytes, start);
            }
        }
    }

    private static double ours(TcpTransport transport, long bytes) throws Exception {
        try (Listener listener = transport.listen("127.0.0.1:0")) {
            CompletableFuture<Long> sink = CompletableFuture.supplyAsync(() -> {
                try (Connection c = listener.accept()) {
                    return drain(c.input());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Connection client = transport.dial(listener.address(), Duration.ofSeconds(10))) {
                long start = System.nanoTime();
                fill(client.output(), bytes);
                client.shutdownOutput();
                long received = sink.get(10, TimeUnit.MINUTES);
                return rate(received, bytes, start);
            }
        }
    }

    /** CPU time of this whole process: unlike wall time, barely affected by other load on the machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void fill(OutputStream out, long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (long left = bytes; left > 0; left -= CHUNK) {
            out.write(chunk, 0, (int) Math.min(CHUNK, left));
        }
        out.flush();
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
        }
        return total;
    }

    private static double rate(long received, long expected, long startNanos) {
        if (received != expected) {
            throw new IllegalStateException("received " + received + " of " + expected + " bytes");
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return (expected / 1048576.0) / seconds;
    }
}
