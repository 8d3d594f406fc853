package org.annexp2p.wormhole;

import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.wormhole.transit.TcpHint;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.wormhole.code.Code;

/**
 * Not a test: prints relayed transfer rates of python→python, java→python, python→java and
 * java→java (in one warm JVM), and the time of a pairing-style exchange, against local servers.
 * Run: {@code mvn -pl wormhole -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt}
 * then {@code java -cp wormhole/target/test-classes:wormhole/target/classes:$(cat /tmp/cp.txt)
 * org.annexp2p.wormhole.TransferBenchmark [MiB]}.
 */
public final class TransferBenchmark {

    private TransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("wormhole-bench");
        try (WormholeServers servers = WormholeServers.start(dir)) {
            PythonCli python = new PythonCli(servers, dir);
            WormholeOptions options = WormholeOptions.defaults().withRelayUrl(servers.relayUri())
                    .withTransitHelpers(List.of(new TcpHint("127.0.0.1", servers.relayPort(), 0.0))).withListen(false)
                    .withDirectAddresses(List.of(InetAddress.getLoopbackAddress()))
                    .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60));
            Wormhole wormhole = new Wormhole(options);
            byte[] bytes = new byte[mib << 20];
            new Random(1).nextBytes(bytes);
            Path payload = Files.write(dir.resolve("payload.bin"), bytes);
            bytes = null;

            double py = rate(mib, () -> {
                try (RunningCommand s = python.run("send", "--no-listen", "--hide-progress", payload.toString())) {
                    String code = s.awaitErr(Pattern.compile("Wormhole code is: (\\S+)"), Duration.ofSeconds(30));
                    try (RunningCommand r = python.run("receive", "--no-listen", "--hide-progress", "--accept-file", "-o",
                            fresh(dir).toString(), code)) {
                        check(r.awaitExit(Duration.ofMinutes(5)) == 0 && s.awaitExit(Duration.ofMinutes(1)) == 0, "python->python failed");
                    }
                }
            });
            javaToJava(wormhole, payload, dir); // warm-up: JIT-compile the crypto before measuring
            double jj = rate(mib, () -> javaToJava(wormhole, payload, dir));
            double jp = rate(mib, () -> {
                CompletableFuture<Code> code = new CompletableFuture<>();
                CompletableFuture<FileSent> sent = PythonInteropIT.async(() -> wormhole.sendFile(payload, Optional.empty(), code::complete));
                try (RunningCommand r = python.run("receive", "--no-listen", "--hide-progress", "--accept-file", "-o",
                        fresh(dir).toString(), code.get(30, TimeUnit.SECONDS).value())) {
                    check(r.awaitExit(Duration.ofMinutes(5)) == 0, "java->python failed");
                }
                sent.get(1, TimeUnit.MINUTES);
            });
            double pj = rate(mib, () -> {
                try (RunningCommand s = python.run("send", "--no-listen", "--hide-progress", payload.toString())) {
                    String code = s.awaitErr(Pattern.compile("Wormhole code is: (\\S+)"), Duration.ofSeconds(30));
                    wormhole.receive(Code.parse(code), offer -> Optional.of(fresh(dir)));
                    check(s.awaitExit(Duration.ofMinutes(1)) == 0, "python->java failed");
                }
            });
            System.out.printf("relayed %d MiB: python->python %.1f MiB/s, java->python %.1f (%.2fx), python->java %.1f (%.2fx),"
                    + " java->java (warm JVM) %.1f (%.2fx)%n", mib, py, jp, jp / py, pj, pj / py, jj, jj / py);

            Wormhole pairing = new Wormhole(options.withAppId("git-annex.branchable.com/p2p-setup"));
            Path half = Files.writeString(dir.resolve("send"), "a".repeat(64) + "\ntor-annex::example.onion:5555\n");
            long start = System.nanoTime();
            CompletableFuture<Code> aCode = new CompletableFuture<>();
            CompletableFuture<Code> bCode = new CompletableFuture<>();
            var a = PythonInteropIT.async(() -> pairing.sendFile(half, Optional.empty(), aCode::complete));
            var b = PythonInteropIT.async(() -> pairing.sendFile(half, Optional.empty(), bCode::complete));
            var ra = PythonInteropIT.async(() -> pairing.receive(bCode.get(30, TimeUnit.SECONDS), o -> Optional.of(fresh(dir))));
            var rb = PythonInteropIT.async(() -> pairing.receive(aCode.get(30, TimeUnit.SECONDS), o -> Optional.of(fresh(dir))));
            CompletableFuture.allOf(a, b, ra, rb).get(1, TimeUnit.MINUTES);
            System.out.printf("pairing-style exchange (2 sends + 2 receives at once, relayed): %.0f ms%n", (System.nanoTime() - start) / 1e6);
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void javaToJava(Wormhole wormhole, Path payload, Path dir) throws Exception {
        CompletableFuture<Code> code = new CompletableFuture<>();
        CompletableFuture<FileSent> sent = PythonInteropIT.async(() -> wormhole.sendFile(payload, Optional.empty(), code::complete));
        wormhole.receive(code.get(30, TimeUnit.SECONDS), offer -> Optional.of(fresh(dir)));
        sent.get(1, TimeUnit.MINUTES);
    }

    private static int counter;

    private static Path fresh(Path dir) {
        return dir.resolve("out-" + (counter++) + ".bin");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    interface Run {
        void go() throws Exception;
    }

    private static double rate(int mib, Run run) throws Exception {
        long start = System.nanoTime();
        run.go();
        return mib / ((System.nanoTime() - start) / 1e9);
    }
}
