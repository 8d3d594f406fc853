package org.annexp2p.wormhole;

import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.wormhole.transit.TcpHint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.wormhole.code.Code;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client against the Python {@code wormhole} 0.12 CLI, through a local mailbox server and
 * transit relay. Python always runs with {@code --no-listen}: it would otherwise advertise this
 * host's non-loopback addresses. "Direct" therefore means Python connecting to our loopback listener,
 * with no usable relay on either side so that nothing else can win the race.
 */
class PythonInteropIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Pattern CODE = Pattern.compile("Wormhole code is: (\\S+)");

    @TempDir
    static Path serverDir;
    static WormholeServers servers;

    @TempDir
    Path dir;

    /** Reconnect events from the mailbox client, shown when a reconnect test fails. */
    static final StringBuffer MAILBOX_LOG = new StringBuffer();
    private static final java.util.logging.Logger MAILBOX_LOGGER =
            java.util.logging.Logger.getLogger("org.annexp2p.wormhole.mailbox.MailboxClient");

    @BeforeAll
    static void startServers() throws Exception {
        MAILBOX_LOGGER.setLevel(java.util.logging.Level.FINE);
        MAILBOX_LOGGER.addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                MAILBOX_LOG.append(java.text.MessageFormat.format(r.getMessage(), r.getParameters())).append("; ");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        servers = WormholeServers.start(serverDir);
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    static WormholeOptions options(boolean listen) {
        return WormholeOptions.defaults()
                .withRelayUrl(servers.relayUri())
                .withTransitHelpers(List.of(new TcpHint("127.0.0.1", servers.relayPort(), 0.0)))
                .withListen(listen)
                .withDirectAddresses(List.of(InetAddress.getLoopbackAddress()))
                .withTimeouts(Duration.ofSeconds(20), WAIT, Duration.ofSeconds(30));
    }

    PythonCli python() {
        return new PythonCli(servers, dir);
    }

    /** Our side for a file test: listening and relay-less (direct only), or not listening (relay only). */
    static WormholeOptions fileOptions(boolean direct) {
        return direct ? options(true).withTransitHelpers(List.of()) : options(false);
    }

    PythonCli python(boolean direct) {
        return direct ? python().withoutRelay() : python();
    }

    Path payload(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("payload-" + size + ".bin"), bytes);
    }

    interface Body<T> {
        T run() throws Exception;
    }

    /** Own threads: these bodies block for seconds, which would starve the (single-worker) common pool. */
    static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "it-peer");
        t.setDaemon(true);
        return t;
    });

    static <T> CompletableFuture<T> async(Body<T> body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return body.run();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, THREADS);
    }

    static <T> T result(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    @Test
    void javaSendsTextToPython() throws Exception {
        CompletableFuture<Code> code = new CompletableFuture<>();
        CompletableFuture<Boolean> sent = async(() -> {
            new Wormhole(options(true)).sendText("hello from java ✓", Optional.empty(), code::complete);
            return true;
        });
        try (RunningCommand py = python().run("receive", code.get(WAIT.toSeconds(), TimeUnit.SECONDS).value())) {
            assertThat(py.awaitExit(WAIT)).as("python stderr: %s", py.err()).isZero();
            assertThat(py.out()).contains("hello from java ✓");
        }
        assertThat(result(sent)).isTrue();
    }

    @Test
    void pythonSendsTextToJava() throws Exception {
        try (RunningCommand py = python().run("send", "--text", "hello from python")) {
            String code = py.awaitErr(CODE, WAIT);
            Received got = new Wormhole(options(true)).receive(Code.parse(code), offer -> Optional.empty());
            assertThat(got).isEqualTo(new Received.Text("hello from python"));
            assertThat(py.awaitExit(WAIT)).as("python stderr: %s", py.err()).isZero();
        }
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {true, false})
    void javaSendsFileToPython(boolean direct) throws Exception {
        Path payload = payload(1_000_003);
        Path out = dir.resolve("from-java.bin");
        CompletableFuture<Code> code = new CompletableFuture<>();
        CompletableFuture<FileSent> sent = async(() -> new Wormhole(fileOptions(direct)).sendFile(payload, Optional.empty(), code::complete));
        try (RunningCommand py = python(direct).run("receive", "--no-listen", "--accept-file", "--hide-progress",
                "-o", out.toString(), code.get(WAIT.toSeconds(), TimeUnit.SECONDS).value())) {
            assertThat(py.awaitExit(WAIT)).as("python stderr: %s", py.err()).isZero();
        }
        FileSent done = result(sent);
        assertThat(Files.mismatch(out, payload)).isEqualTo(-1L);
        assertThat(done.size()).isEqualTo(1_000_003);
        assertThat(done.route()).startsWith(direct ? "direct" : "relay");
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {true, false})
    void pythonSendsFileToJava(boolean direct) throws Exception {
        Path payload = payload(777_777);
        Path target = dir.resolve("from-python.bin");
        try (RunningCommand py = python(direct).run("send", "--no-listen", "--hide-progress", payload.toString())) {
            String code = py.awaitErr(CODE, WAIT);
            Received got = new Wormhole(fileOptions(direct)).receive(Code.parse(code), offer -> {
                assertThat(offer).isEqualTo(new ReceiveListener.IncomingFile(payload.getFileName().toString(), 777_777));
                return Optional.of(target);
            });
            assertThat(got).isInstanceOf(Received.File.class);
            assertThat(((Received.File) got).route()).startsWith(direct ? "direct" : "relay");
            assertThat(py.awaitExit(WAIT)).as("python stderr: %s", py.err()).isZero();
        }
        assertThat(Files.mismatch(target, payload)).isEqualTo(-1L);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void emptyFileFromPython() throws Exception {
        Path payload = payload(0);
        Path target = dir.resolve("empty.bin");
        try (RunningCommand py = python().run("send", "--no-listen", "--hide-progress", payload.toString())) {
            String code = py.awaitErr(CODE, WAIT);
            new Wormhole(options(false)).receive(Code.parse(code), offer -> Optional.of(target));
            assertThat(py.awaitExit(WAIT)).as("python stderr: %s", py.err()).isZero();
        }
        assertThat(target).exists().isEmptyFile();
    }

    @Test
    void wrongCodeOnOurReceiverWritesNothingAndReleasesTheNameplate() throws Exception {
        Path target = dir.resolve("never.bin");
        Path payload = payload(1000);
        Wormhole wormhole = new Wormhole(options(true));
        try (RunningCommand py = python().run("send", "--no-listen", "--hide-progress", "--code", "9876-aardvark-adroitness",
                payload.toString())) {
            py.awaitErr(CODE, WAIT);
            assertThatThrownBy(() -> wormhole.receive(Code.parse("9876-aardvark-baboon"), offer -> Optional.of(target)))
                    .isInstanceOf(WrongCodeException.class)
                    .hasMessageContaining("wrong code or tampering");
            assertThat(py.awaitExit(WAIT)).isNotZero();
            assertThat(py.err()).contains("Key confirmation failed");
        }
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
        assertThat(Await.until(() -> nameplates(wormhole).map(l -> !l.contains("9876")).orElse(false), Duration.ofSeconds(10)))
                .as("nameplate 9876 released").isTrue();
    }

    @Test
    void wrongCodeOnOurSender() throws Exception {
        CompletableFuture<Boolean> sent = async(() -> {
            new Wormhole(options(true)).sendText("secret", Optional.of(Code.parse("9877-aardvark-adroitness")), c -> { });
            return true;
        });
        try (RunningCommand py = python().run("receive", "9877-aardvark-baboon")) {
            assertThatThrownBy(() -> result(sent)).isInstanceOf(WrongCodeException.class);
            assertThat(py.awaitExit(WAIT)).isNotZero();
            assertThat(py.out()).doesNotContain("secret");
        }
    }

    @Test
    void receiverFirstWithPresetCodeAndCustomAppId() throws Exception {
        String appId = "example.com/annex-p2p-test";
        WormholeOptions scoped = options(true).withAppId(appId);
        CompletableFuture<Received> received = async(() ->
                new Wormhole(scoped).receive(Code.parse("31-guitarist-revenge"), offer -> Optional.empty()));
        assertThat(Await.until(() -> nameplates(new Wormhole(scoped)).map(l -> l.contains("31")).orElse(false), WAIT))
                .as("our receiver claimed nameplate 31 under its appid").isTrue();
        assertThat(nameplates(new Wormhole(options(true)))).hasValueSatisfying(l -> assertThat(l).doesNotContain("31"));
        try (RunningCommand py = python().runScoped(appId, null, "send", "--code", "31-guitarist-revenge", "--text", "scoped")) {
            assertThat(result(received)).isEqualTo(new Received.Text("scoped"));
            assertThat(py.awaitExit(WAIT)).as("python stderr: %s", py.err()).isZero();
        }
    }

    /** The mailbox server goes away while our receiver waits; it reconnects and the exchange still completes. */
    @Test
    void receiverSurvivesAMailboxServerRestart() throws Exception {
        // The restart and a cold python start can be slow on a loaded machine: give the peer wait room.
        Wormhole wormhole = new Wormhole(options(true).withTimeouts(Duration.ofSeconds(20), WAIT.multipliedBy(3), Duration.ofSeconds(30)));
        CompletableFuture<Received> received = async(() -> wormhole.receive(Code.parse("6262-reconnect-test"), offer -> Optional.empty()));
        assertThat(Await.until(() -> nameplates(wormhole).map(l -> l.contains("6262")).orElse(false), WAIT))
                .as("our receiver claimed nameplate 6262").isTrue();
        servers.restartMailbox();
        try (RunningCommand py = python().run("send", "--code", "6262-reconnect-test", "--text", "after the restart")) {
            assertThat(received).as("python stderr: %s; mailbox client: %s", py.err(), MAILBOX_LOG).succeedsWithin(WAIT.multipliedBy(3))
                    .isEqualTo(new Received.Text("after the restart"));
            assertThat(py.awaitExit(WAIT)).as("python stderr: %s", py.err()).isZero();
        }
    }

    private static Optional<List<String>> nameplates(Wormhole wormhole) {
        try {
            return Optional.of(wormhole.nameplates());
        } catch (WormholeException e) {
            return Optional.empty();
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
