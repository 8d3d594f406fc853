package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a transfer: the packaged tool, against a peer that stalls half-way, gets SIGINT. It exits 130 as
 * any interrupted program does, and says in one line what was kept and how to resume; a finished transfer never
 * says it.
 */
class InterruptedTransferIT {
    static final String TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    Path dir;

    byte[] content;
    String key;

    @BeforeEach
    void content() throws Exception {
        content = new byte[400_000];
        new Random(11).nextBytes(content);
        key = AnnexedContent.of(content, ".bin").keyText();
    }

    @Test
    void anInterruptedGetSaysWhatItKeptAndHowToResume() throws Exception {
        int half = content.length / 2;
        try (HandPlayedPeer peer = new HandPlayedPeer()) {
            CompletableFuture<String> served = peer.next((request, in, out) -> {
                HandPlayedPeer.send(out, "DATA " + content.length);
                out.write(content, 0, half);
                out.flush();
                in.read(); // stall until the client is gone
                return request;
            });
            Process get = tool("get", "--address", peer.address(), KEY_PLACEHOLDER, dir.resolve("out.bin").toString());
            awaitSomeOfIt(get);
            interrupt(get);
            assertThat(get.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = stderr();
            assertThat(get.exitValue()).as("stderr: %s", err).isEqualTo(130);
            // What reached the partial file (writes go through a buffer, so up to half) is what is kept.
            long kept = Files.size(partials().get(0));
            assertThat(kept).isPositive().isLessThanOrEqualTo(half);
            assertThat(err).endsWith("annex-p2p: interrupted; the " + kept
                    + " bytes received are kept: run the same get again to resume\n");
            assertThat(err.lines().filter(l -> l.contains("interrupted;"))).hasSize(1);
            assertThat(served.get(60, TimeUnit.SECONDS)).startsWith("GET 0 ");
        }
        assertThat(partials()).hasSize(1);
    }

    @Test
    void anInterruptedPutSaysThePeerKeepsWhatItGot() throws Exception {
        Path infile = Files.write(dir.resolve("in.bin"), content);
        CountDownLatch halfway = new CountDownLatch(1);
        try (HandPlayedPeer peer = new HandPlayedPeer()) {
            CompletableFuture<String> served = peer.next((request, in, out) -> {
                HandPlayedPeer.send(out, "PUT-FROM 0");
                String data = HandPlayedPeer.line(in);
                in.readNBytes(content.length / 2);
                halfway.countDown();
                in.readAllBytes(); // take the rest the socket holds, then wait for the client to go
                return request + " / " + data;
            });
            Process put = tool("put", "--address", peer.address(), KEY_PLACEHOLDER, infile.toString());
            assertThat(halfway.await(60, TimeUnit.SECONDS)).as("the peer got half; stderr: %s", stderrQuietly()).isTrue();
            interrupt(put);
            assertThat(put.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = stderr();
            assertThat(put.exitValue()).as("stderr: %s", err).isEqualTo(130);
            assertThat(err).endsWith("annex-p2p: interrupted; the peer keeps what it received: run the same put again "
                    + "to resume\n");
            assertThat(served.get(60, TimeUnit.SECONDS)).startsWith("PUT ").contains(" / DATA " + content.length);
        }
    }

    @Test
    void aGetThatFinishesSaysNothingOfInterruption() throws Exception {
        try (HandPlayedPeer peer = new HandPlayedPeer()) {
            peer.next((request, in, out) -> {
                HandPlayedPeer.send(out, "DATA " + content.length);
                out.write(content);
                HandPlayedPeer.send(out, "VALID");
                return HandPlayedPeer.line(in);
            });
            Process get = tool("get", "--address", peer.address(), KEY_PLACEHOLDER, dir.resolve("out.bin").toString());
            assertThat(get.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = stderr();
            assertThat(get.exitValue()).as("stderr: %s", err).isZero();
            assertThat(err).doesNotContain("interrupted");
        }
        assertThat(Files.readAllBytes(dir.resolve("out.bin"))).isEqualTo(content);
    }

    private static final String KEY_PLACEHOLDER = "\0key";

    private Process tool(String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", AnnexP2p.jar().toString()));
        for (String a : args) {
            argv.add(a.equals(KEY_PLACEHOLDER) ? key : a);
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile()).redirectError(dir.resolve("stderr").toFile());
        pb.environment().put("GIT_ANNEX_P2P_AUTHTOKEN", TOKEN);
        return pb.start();
    }

    /** As Ctrl-C does: SIGINT (Process.destroy would send SIGTERM). */
    private static void interrupt(Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Until some of the content has reached the partial file beside OUTFILE. */
    private void awaitSomeOfIt(Process get) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Path> partials = partials();
            if (partials.size() == 1 && Files.size(partials.get(0)) > 0) {
                return;
            }
            assertThat(get.isAlive()).as("the get is still running; stderr: %s", stderrQuietly()).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("nothing reached a partial file; stderr: " + stderrQuietly());
    }

    private List<Path> partials() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".annex-p2p-partial")).toList();
        }
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
    }

    private String stderrQuietly() {
        try {
            return stderr();
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
