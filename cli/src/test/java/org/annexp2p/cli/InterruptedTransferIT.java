package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
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
            try (RunningCommand get = tool("get", "--address", peer.address(), KEY_PLACEHOLDER, dir.resolve("out.bin").toString())) {
                awaitSomeOfIt(get);
                get.signal("INT"); // as Ctrl-C does (close would send SIGTERM)
                int exit = get.awaitExit(Duration.ofSeconds(60));
                String err = get.err();
                assertThat(exit).as("stderr: %s", err).isEqualTo(130);
                // What reached the partial file (writes go through a buffer, so up to half) is what is kept.
                long kept = Files.size(partials().get(0));
                assertThat(kept).isPositive().isLessThanOrEqualTo(half);
                assertThat(err).endsWith("annex-p2p: interrupted; the " + kept
                        + " bytes received are kept: run the same get again to resume\n");
                assertThat(err.lines().filter(l -> l.contains("interrupted;"))).hasSize(1);
                assertThat(served.get(60, TimeUnit.SECONDS)).startsWith("GET 0 ");
            }
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
            try (RunningCommand put = tool("put", "--address", peer.address(), KEY_PLACEHOLDER, infile.toString())) {
                assertThat(halfway.await(60, TimeUnit.SECONDS)).as("the peer got half; stderr: %s", put.err()).isTrue();
                put.signal("INT");
                int exit = put.awaitExit(Duration.ofSeconds(60));
                String err = put.err();
                assertThat(exit).as("stderr: %s", err).isEqualTo(130);
                assertThat(err).endsWith("annex-p2p: interrupted; the peer keeps what it received: run the same put again "
                        + "to resume\n");
                assertThat(served.get(60, TimeUnit.SECONDS)).startsWith("PUT ").contains(" / DATA " + content.length);
            }
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
            try (RunningCommand get = tool("get", "--address", peer.address(), KEY_PLACEHOLDER, dir.resolve("out.bin").toString())) {
                int exit = get.awaitExit(Duration.ofSeconds(60));
                String err = get.err();
                assertThat(exit).as("stderr: %s", err).isZero();
                assertThat(err).doesNotContain("interrupted");
            }
        }
        assertThat(Files.readAllBytes(dir.resolve("out.bin"))).isEqualTo(content);
    }

    private static final String KEY_PLACEHOLDER = "\0key";

    private RunningCommand tool(String... args) throws IOException {
        List<String> argv = new java.util.ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", AnnexP2p.jar().toString()));
        for (String a : args) {
            argv.add(a.equals(KEY_PLACEHOLDER) ? key : a);
        }
        return Command.of(argv).in(dir).env("GIT_ANNEX_P2P_AUTHTOKEN", TOKEN).start();
    }

    /** Until some of the content has reached the partial file beside OUTFILE. */
    private void awaitSomeOfIt(RunningCommand get) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Path> partials = partials();
            if (partials.size() == 1 && Files.size(partials.get(0)) > 0) {
                return;
            }
            assertThat(get.alive()).as("the get is still running; stderr: %s", get.err()).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("nothing reached a partial file; stderr: " + get.err());
    }

    private List<Path> partials() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".annex-p2p-partial")).toList();
        }
    }
}
