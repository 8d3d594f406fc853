package org.annexp2p.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two JVMs pair over real UDP multicast on loopback, then link over TLS pinned to the exchanged keys. */
class TwoProcessPairingIT {

    private static final long WAIT_SECONDS = 90;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void twoProcessesPairAndLinkOverPinnedTls() throws Exception {
        int port = freeUdpPort();
        Peer responder = start("responder", port, "a phrase both users typed", 30);
        responder.awaitLine("READY");
        Peer requester = start("requester", port, "a phrase both users typed", 30);

        assertThat(requester.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("requester finished").isTrue();
        assertThat(responder.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("responder finished").isTrue();
        List<String> a = requester.drain();
        List<String> b = responder.drain();
        assertThat(requester.process.exitValue()).as("requester output %s", a).isZero();
        assertThat(responder.process.exitValue()).as("responder output %s", b).isZero();
        assertThat(a).contains("LINK OK");
        assertThat(b).contains("LINK OK");
        assertThat(value(a, "PEER")).isEqualTo(value(b, "OWN"));
        assertThat(value(b, "PEER")).isEqualTo(value(a, "OWN"));
        assertThat(value(a, "TOKEN")).isEqualTo(value(b, "TOKEN"));
    }

    @Test
    void differentPhrasesNeverPairAndBothSidesSayWhy() throws Exception {
        int port = freeUdpPort();
        Peer responder = start("responder", port, "the right phrase", 6);
        responder.awaitLine("READY");
        Peer requester = start("requester", port, "the wrong phrase", 6);
        assertThat(requester.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(responder.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(requester.process.exitValue()).isEqualTo(1);
        assertThat(responder.process.exitValue()).isEqualTo(1);
        assertThat(responder.drain()).anySatisfy(l -> assertThat(l).startsWith("FAILED").contains("different secret"));
        assertThat(requester.drain()).anySatisfy(l -> assertThat(l).startsWith("FAILED").contains("no device acknowledged"));
    }

    private Peer start(String role, int port, String phrase, int timeoutSeconds) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                PairingPeerProgram.class.getName(), role, Integer.toString(port), Integer.toString(timeoutSeconds));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = pb.start();
        processes.add(process);
        try (OutputStream in = process.getOutputStream()) {
            in.write((phrase + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Peer(process);
    }

    private static int freeUdpPort() throws IOException {
        try (UdpEndpoint e = UdpEndpoint.open(UdpOptions.loopback(StandardProtocolFamily.INET, 0))) {
            return e.localAddress().getPort();
        }
    }

    private static String value(List<String> lines, String key) {
        return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " line in " + lines));
    }

    /** A child process whose stdout lines are collected by a daemon reader thread. */
    private static final class Peer {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();

        Peer(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // The process was stopped; what was read is kept.
                }
            }, "peer stdout");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(String wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no " + wanted + " line within " + WAIT_SECONDS + " s; saw " + seen);
                }
                seen.add(line);
                if (line.equals(wanted)) {
                    return;
                }
            }
        }

        List<String> drain() throws InterruptedException {
            // The process has exited; its reader sees end-of-stream shortly after.
            String line;
            while ((line = lines.poll(2, TimeUnit.SECONDS)) != null) {
                seen.add(line);
            }
            return List.copyOf(seen);
        }
    }
}
