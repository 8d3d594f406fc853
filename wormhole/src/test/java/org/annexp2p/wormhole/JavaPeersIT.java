package org.annexp2p.wormhole;

import org.annexp2p.testkit.wormhole.WormholeServers;
import org.annexp2p.wormhole.transit.TcpHint;
import static org.annexp2p.wormhole.PythonInteropIT.WAIT;
import static org.annexp2p.wormhole.PythonInteropIT.async;
import static org.annexp2p.wormhole.PythonInteropIT.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.annexp2p.wormhole.code.Code;
import org.annexp2p.wormhole.mailbox.MailboxClient;
import org.annexp2p.wormhole.transfer.AppMessage;
import org.annexp2p.wormhole.transit.TransitConnection;
import org.annexp2p.wormhole.transit.TransitConnector;
import org.annexp2p.wormhole.transit.TransitHints;
import org.annexp2p.wormhole.transit.TransitRole;
import org.annexp2p.wormhole.transit.TransitSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java against Java through the real servers: concurrency, hostile senders, and every mailbox failure we can provoke. */
class JavaPeersIT {

    static final String PAIRING_APP_ID = "git-annex.branchable.com/p2p-setup";

    @TempDir
    static Path serverDir;
    static WormholeServers servers;

    @TempDir
    Path dir;

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

    static WormholeOptions options(boolean listen) {
        return WormholeOptions.defaults()
                .withRelayUrl(servers.relayUri())
                .withTransitHelpers(List.of(new TcpHint("127.0.0.1", servers.relayPort(), 0.0)))
                .withListen(listen)
                .withDirectAddresses(List.of(InetAddress.getLoopbackAddress()))
                .withTimeouts(Duration.ofSeconds(20), WAIT, Duration.ofSeconds(20));
    }

    Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** git-annex pairing runs a send and a receive at once on each side: four wormholes in one JVM. */
    @Test
    void pairingStyleExchangeRunsConcurrently() throws Exception {
        Wormhole wormhole = new Wormhole(options(true).withAppId(PAIRING_APP_ID));
        Path aData = file("a-send", 200);
        Path bData = file("b-send", 300);
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        CompletableFuture<Code> aCode = new CompletableFuture<>();
        CompletableFuture<Code> bCode = new CompletableFuture<>();
        long start = System.nanoTime();
        CompletableFuture<FileSent> aSend = async(() -> wormhole.sendFile(aData, Optional.empty(), aCode::complete));
        CompletableFuture<FileSent> bSend = async(() -> wormhole.sendFile(bData, Optional.empty(), bCode::complete));
        CompletableFuture<Received> aRecv = async(() -> wormhole.receive(bCode.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                offer -> Optional.of(dir.resolve("a").resolve("recv"))));
        CompletableFuture<Received> bRecv = async(() -> wormhole.receive(aCode.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                offer -> Optional.of(dir.resolve("b").resolve("recv"))));
        assertThat(result(aSend).size()).isEqualTo(200);
        assertThat(result(bSend).size()).isEqualTo(300);
        assertThat(result(aRecv)).isInstanceOf(Received.File.class);
        assertThat(result(bRecv)).isInstanceOf(Received.File.class);
        System.out.printf("pairing-style exchange (2 sends + 2 receives, one JVM): %.0f ms%n", (System.nanoTime() - start) / 1e6);
        assertThat(Files.mismatch(dir.resolve("a").resolve("recv"), bData)).isEqualTo(-1L);
        assertThat(Files.mismatch(dir.resolve("b").resolve("recv"), aData)).isEqualTo(-1L);
    }

    @Test
    void largerFileThanAnnouncedIsRefusedAndLeavesNothing() throws Exception {
        Path target = dir.resolve("too-big.bin");
        CompletableFuture<Code> code = new CompletableFuture<>();
        CompletableFuture<Boolean> rogue = async(() -> rogueSender(code, 10, 100, false));
        assertThatThrownBy(() -> new Wormhole(options(false)).receive(code.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                offer -> Optional.of(target)))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("more than the announced 10 bytes");
        assertThat(result(rogue)).isTrue();
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void senderVanishingMidTransferLeavesNothing() throws Exception {
        Path target = dir.resolve("half.bin");
        CompletableFuture<Code> code = new CompletableFuture<>();
        CompletableFuture<Boolean> rogue = async(() -> rogueSender(code, 100_000, 16_384, true));
        assertThatThrownBy(() -> new Wormhole(options(false)).receive(code.get(WAIT.toSeconds(), TimeUnit.SECONDS),
                offer -> Optional.of(target)))
                .isInstanceOf(TransferException.class)
                .hasMessageContaining("after 16384 of 100000 bytes")
                .hasMessageContaining("closed the connection");
        assertThat(result(rogue)).isTrue();
        assertThat(target).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    /** Announces {@code announced} bytes, sends {@code actual}, then either vanishes or waits for the receiver to hang up. */
    private static boolean rogueSender(CompletableFuture<Code> code, long announced, int actual, boolean vanish) throws Exception {
        WormholeOptions options = options(false);
        try (Session session = Session.open(options, Optional.empty(), code::complete)) {
            session.send(new AppMessage.Transit(new TransitHints(List.of(), options.transitHelpers())));
            session.send(new AppMessage.FileOffer("rogue.bin", announced));
            TransitHints peer = new TransitHints(List.of(), List.of());
            for (AppMessage m = session.receive(); !(m instanceof AppMessage.FileAck); m = session.receive()) {
                if (m instanceof AppMessage.Transit t) {
                    peer = t.hints();
                }
            }
            TransitConnector connector = new TransitConnector(TransitRole.SENDER, new TransitSecrets(session.key().transitKey()),
                    options.transitTimeout());
            try (TransitConnection connection = connector.connect(Optional.empty(), peer, options.transitHelpers())) {
                connection.writer().write(new byte[actual]);
                connection.writer().flush();
                if (!vanish) {
                    connection.readTimeout(WAIT);
                    assertThatThrownBy(() -> connection.reader().read()).isInstanceOf(EOFException.class);
                }
            }
        }
        return true;
    }

    @Test
    void thirdClaimantGetsCrowded() throws Exception {
        Duration t = Duration.ofSeconds(10);
        try (MailboxClient a = MailboxClient.connect(servers.relayUri(), "example.com/crowd", MailboxClient.newSide(), t);
             MailboxClient b = MailboxClient.connect(servers.relayUri(), "example.com/crowd", MailboxClient.newSide(), t);
             MailboxClient c = MailboxClient.connect(servers.relayUri(), "example.com/crowd", MailboxClient.newSide(), t)) {
            String mailbox = a.claim("4242");
            assertThat(b.claim("4242")).isEqualTo(mailbox);
            assertThatThrownBy(() -> c.claim("4242"))
                    .isInstanceOfSatisfying(MailboxServerException.class, e -> {
                        assertThat(e.crowded()).isTrue();
                        assertThat(e.error()).isEqualTo("crowded");
                    })
                    .hasMessageContaining("crowded");
        }
    }

    @Test
    void secondAllocationIsAServerError() throws Exception {
        try (MailboxClient a = MailboxClient.connect(servers.relayUri(), "example.com/greedy", MailboxClient.newSide(), Duration.ofSeconds(10))) {
            a.allocate();
            assertThatThrownBy(a::allocate).isInstanceOf(MailboxServerException.class)
                    .hasMessageContaining("you already allocated one, don't be greedy");
        }
    }

    @Test
    void unreachableMailboxIsAClearError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Wormhole wormhole = new Wormhole(options(false).withRelayUrl(URI.create("ws://127.0.0.1:" + closedPort + "/v1")));
        assertThatThrownBy(() -> wormhole.sendText("x", Optional.empty(), c -> { }))
                .isInstanceOf(MailboxConnectionException.class)
                .hasMessageContaining("cannot reach the mailbox server ws://127.0.0.1:" + closedPort);
    }

    @Test
    void absentPeerTimesOutAndReleasesTheNameplate() throws Exception {
        Wormhole wormhole = new Wormhole(options(false).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertThatThrownBy(() -> wormhole.receive(Code.parse("5151-nobody-home"), offer -> Optional.empty()))
                .isInstanceOf(WormholeTimeoutException.class)
                .hasMessageContaining("timed out waiting for a message from the other side");
        assertThat(Await.until(() -> {
            try {
                return !wormhole.nameplates().contains("5151");
            } catch (WormholeException e) {
                return false;
            }
        }, Duration.ofSeconds(10))).as("nameplate 5151 released").isTrue();
    }

    @Test
    void welcomeErrorIsSurfaced() throws Exception {
        Path own = Files.createDirectories(dir.resolve("signal"));
        try (WormholeServers refusing = WormholeServers.start(own, "--signal-error=closed for maintenance")) {
            Wormhole wormhole = new Wormhole(options(false).withRelayUrl(refusing.relayUri()));
            assertThatThrownBy(() -> wormhole.sendText("x", Optional.empty(), c -> { }))
                    .isInstanceOf(MailboxServerException.class)
                    .hasMessage("mailbox server refused us: closed for maintenance");
        }
    }

    @Test
    void javaToJavaLargeFileDirectAndRelayed() throws Exception {
        Path payload = file("big.bin", 5 * 1024 * 1024 + 7);
        for (boolean listen : new boolean[] {true, false}) {
            Path target = dir.resolve("big-" + listen + ".bin");
            CompletableFuture<Code> code = new CompletableFuture<>();
            long[] progress = new long[2];
            // Direct: no relay anywhere, so only the direct connection can succeed.
            WormholeOptions sender = listen ? options(true).withTransitHelpers(List.of()) : options(false);
            WormholeOptions receiver = listen ? options(false).withTransitHelpers(List.of()) : options(false);
            CompletableFuture<FileSent> sent = async(() -> new Wormhole(sender).sendFile(payload, Optional.empty(),
                    new SendListener() {
                        @Override
                        public void codeReady(Code c) {
                            code.complete(c);
                        }

                        @Override
                        public void progress(long done, long total) {
                            progress[0] = done;
                            progress[1] = total;
                        }
                    }));
            Received got = new Wormhole(receiver).receive(code.get(WAIT.toSeconds(), TimeUnit.SECONDS), offer -> Optional.of(target));
            FileSent done = result(sent);
            assertThat(done.route()).startsWith(listen ? "direct" : "relay");
            assertThat(((Received.File) got).sha256()).isEqualTo(done.sha256());
            assertThat(Files.mismatch(target, payload)).isEqualTo(-1L);
            assertThat(progress).containsExactly(Files.size(payload), Files.size(payload));
        }
    }

    @Test
    void receiverRejectingTheFileStopsTheSender() throws Exception {
        Path payload = file("unwanted.bin", 10);
        CompletableFuture<Code> code = new CompletableFuture<>();
        CompletableFuture<FileSent> sent = async(() -> new Wormhole(options(false)).sendFile(payload, Optional.empty(), code::complete));
        assertThatThrownBy(() -> new Wormhole(options(false)).receive(code.get(WAIT.toSeconds(), TimeUnit.SECONDS), offer -> Optional.empty()))
                .isInstanceOf(TransferException.class).hasMessage("transfer rejected");
        assertThatThrownBy(() -> result(sent)).isInstanceOf(TransferException.class)
                .hasMessage("the other side refused the file: transfer rejected");
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
