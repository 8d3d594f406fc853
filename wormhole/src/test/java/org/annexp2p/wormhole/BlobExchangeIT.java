package org.annexp2p.wormhole;

import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.testkit.process.Programs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.wormhole.code.Code;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blob-exchange API against a peer written with the python {@code wormhole} 0.12 library API
 * ({@code blob_peer.py}: {@code allocate_code}/{@code set_code}, {@code send_message}, {@code get_message}), both
 * ways, plus app ids kept apart and a wrong code failing on both sides. One pair of local servers for all cases.
 */
class BlobExchangeIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String APP = "example.com/annex-p2p-blob-test";
    private static final Pattern CODE = Pattern.compile("code (\\S+)");
    private static final Pattern GOT = Pattern.compile("got ([0-9a-f]*)");

    @TempDir
    static Path serverDir;
    static WormholeServers servers;

    @BeforeAll
    static void startServers() throws Exception {
        servers = WormholeServers.start(serverDir);
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    static WormholeOptions options(String appId) {
        return WormholeOptions.defaults().withRelayUrl(servers.relayUri()).withAppId(appId)
                .withTimeouts(Duration.ofSeconds(20), WAIT, Duration.ofSeconds(20));
    }

    @Test
    void ourInitiatorAndAPythonReceiverSwapBlobs() throws Exception {
        byte[] ours = "our half: tor-annex::abc.onion:5555\n".getBytes(StandardCharsets.UTF_8);
        byte[] theirs = new byte[] {0, 1, 2, (byte) 0xff, 10};
        try (BlobInitiator initiator = new BlobInitiator(options(APP), ours)) {
            Code code = initiator.start();
            try (RunningCommand py = python(APP, "receive", code.value(), HexFormat.of().formatHex(theirs))) {
                assertThat(initiator.finish()).isEqualTo(theirs);
                assertThat(py.await(GOT, WAIT)).isEqualTo(HexFormat.of().formatHex(ours));
                assertThat(py.awaitExit(WAIT)).as("python: %s", py.err()).isZero();
            }
        }
    }

    @Test
    void aPythonInitiatorAndOurReceiverSwapBlobsAsynchronously() throws Exception {
        byte[] ours = new byte[3000];
        new java.util.Random(7).nextBytes(ours);
        try (RunningCommand py = python(APP, "initiate", "6869")) {
            Code code = Code.parse(py.await(CODE, WAIT));
            CompletableFuture<byte[]> got = new BlobReceiver(options(APP), code, ours).finishAsync();
            assertThat(got.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new byte[] {0x68, 0x69});
            assertThat(py.await(GOT, WAIT)).isEqualTo(HexFormat.of().formatHex(ours));
            assertThat(py.awaitExit(WAIT)).as("python: %s", py.err()).isZero();
        }
    }

    @Test
    void aWrongCodeFailsOnOurInitiatorAndThePythonReceiver() throws Exception {
        try (BlobInitiator initiator = new BlobInitiator(options(APP), "secret".getBytes(StandardCharsets.UTF_8))) {
            Code code = initiator.start();
            try (RunningCommand py = python(APP, "receive", code.nameplate() + "-wrong-words", "00")) {
                assertThatThrownBy(initiator::finish).isInstanceOf(WrongCodeException.class);
                assertThat(py.awaitExit(WAIT)).as("python: %s", py.err()).isEqualTo(3);
                assertThat(py.out()).contains("wrong-code").doesNotContain("got");
            }
        }
    }

    @Test
    void aWrongCodeFailsOnAPythonInitiatorAndOurReceiver() throws Exception {
        try (RunningCommand py = python(APP, "initiate", "736563726574")) {
            Code code = Code.parse(py.await(CODE, WAIT));
            CompletableFuture<byte[]> got = new BlobReceiver(options(APP), Code.parse(code.nameplate() + "-wrong-words"),
                    new byte[] {1}).finishAsync();
            assertThatThrownBy(() -> got.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(WrongCodeException.class);
            assertThat(py.awaitExit(WAIT)).as("python: %s", py.err()).isEqualTo(3);
            assertThat(py.out()).contains("wrong-code").doesNotContain("got");
        }
    }

    /** The same code under another app id meets nobody: the initiator still swaps with a receiver of its own app. */
    @Test
    void appIdsAreKeptApart() throws Exception {
        try (BlobInitiator initiator = new BlobInitiator(options(APP), "mine".getBytes(StandardCharsets.UTF_8))) {
            Code code = initiator.startAsync().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            CompletableFuture<byte[]> swapped = initiator.finishAsync();
            WormholeOptions other = options("example.com/another-app").withTimeouts(Duration.ofSeconds(20),
                    Duration.ofSeconds(3), Duration.ofSeconds(20));
            assertThatThrownBy(() -> new BlobReceiver(other, code, new byte[] {9}).finish())
                    .isInstanceOf(WormholeTimeoutException.class);
            assertThat(swapped).isNotDone();
            assertThat(new BlobReceiver(options(APP), code, "yours".getBytes(StandardCharsets.UTF_8)).finish())
                    .isEqualTo("mine".getBytes(StandardCharsets.UTF_8));
            assertThat(swapped.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("yours".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void finishBeforeStartIsAMisuse() {
        try (BlobInitiator initiator = new BlobInitiator(options(APP), new byte[0])) {
            assertThatThrownBy(initiator::finish).isInstanceOf(IllegalStateException.class);
        }
    }

    /** The python the {@code wormhole} CLI runs with, which has the library (a python3 earlier on PATH may not). */
    private static RunningCommand python(String appId, String... args) throws IOException, URISyntaxException {
        Path cli = Programs.require("wormhole", "magic-wormhole");
        String shebang = Files.readAllLines(cli).get(0);
        String interpreter = shebang.substring(2).trim().split("\\s+")[0];
        Path script = Path.of(BlobExchangeIT.class.getResource("/blob_peer.py").toURI());
        List<String> argv = new java.util.ArrayList<>(List.of(interpreter, script.toString(), servers.relayUrl(), appId));
        argv.addAll(List.of(args));
        return Command.of(argv).in(serverDir).env("PYTHONUNBUFFERED", "1").start();
    }
}
