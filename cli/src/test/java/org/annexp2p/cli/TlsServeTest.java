package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.plugin.tcp.TlsIdentityFile;
import org.annexp2p.session.plugin.tcp.TlsPlugin;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.testkit.peers.ServedRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.KeyPin;
import org.annexp2p.transports.tcp.TcpTransport;
import org.annexp2p.transports.tcp.TlsAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client commands against a server on {@code serve --listen}'s TLS listener, through a relay that records the
 * wire: the token and the content never cross it in clear, and a client pinning another key is refused before it
 * says anything. The same relay over plaintext tcp:// is the control that shows the capture sees what is sent.
 */
@Timeout(120)
class TlsServeTest {
    static final AuthToken TOKEN = AuthToken.parse("t0kenTh4tMustNeverCr0ssTheW1reInClear0123456789abcdef").get();
    static final byte[] CONTENT = "content an eavesdropper must not read\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    private final TcpTransport tcp = new TcpTransport();
    private final MemoryRepository served = new MemoryRepository(new Uuid("5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11"));
    /** Connections the server's handler got: only those whose TLS handshake completed. */
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void stop() {
        tcp.close();
    }

    @Test
    void theTokenAndTheContentNeverCrossTheWireInClear() throws Exception {
        try (ConnectionServer server = serve("tls://127.0.0.1:0"); WireCapture wire = new WireCapture(port(server))) {
            TlsAddress address = TlsAddress.parse(server.address());
            String relayed = "tls://127.0.0.1:" + wire.port() + "/" + address.pin();

            putAndGetBack(relayed);

            assertThat(handled.get()).as("connections served").isEqualTo(2);
            assertThat(wire.bytes().length).as("bytes relayed").isGreaterThan(CONTENT.length);
            assertThat(wire.saw(TOKEN.reveal().getBytes(StandardCharsets.US_ASCII))).as("the token in clear").isFalse();
            assertThat(wire.saw("AUTH ".getBytes(StandardCharsets.US_ASCII))).as("an AUTH line in clear").isFalse();
            assertThat(wire.saw(slice(CONTENT))).as("the content in clear").isFalse();
        }
    }

    @Test
    void overPlaintextTheSameCaptureSeesTokenAndContent() throws Exception {
        try (ConnectionServer server = serve("127.0.0.1:0"); WireCapture wire = new WireCapture(port(server))) {
            assertThat(server.address()).as("loopback stays plaintext").doesNotStartWith("tls://");

            putAndGetBack("tcp://127.0.0.1:" + wire.port());

            assertThat(wire.saw(TOKEN.reveal().getBytes(StandardCharsets.US_ASCII))).as("the token in clear").isTrue();
            assertThat(wire.saw(slice(CONTENT))).as("the content in clear").isTrue();
        }
    }

    @Test
    void aClientPinningAnotherKeyIsRefusedBeforeItSendsItsToken() throws Exception {
        try (ConnectionServer server = serve("tls://127.0.0.1:0"); WireCapture wire = new WireCapture(port(server))) {
            KeyPin other = TlsIdentityFile.in(new CredsDir(dir.resolve("another-repository-creds"))).pin();
            String wrong = "tls://127.0.0.1:" + wire.port() + "/" + other;
            Path file = Files.write(dir.resolve("in.bin"), CONTENT);

            int exit = Main.run("put", "--address", wrong, "--token", TOKEN.reveal(), key(CONTENT), file.toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.text()).startsWith("annex-p2p: refusing " + wrong + ": the server presented key ")
                    .contains("not the pinned " + other).contains("nothing was sent to it");
            assertThat(err.text().strip()).as("one line").doesNotContain("\n");
            assertThat(handled.get()).as("connections the server's handler got").isZero();
            assertThat(wire.saw(TOKEN.reveal().getBytes(StandardCharsets.US_ASCII))).as("the token in clear").isFalse();
            assertThat(served.keys()).isEmpty();
        }
    }

    private void putAndGetBack(String address) throws Exception {
        Path in = Files.write(dir.resolve("in.bin"), CONTENT);
        Path out = dir.resolve("out.bin");
        String key = key(CONTENT);
        assertThat(Main.run("put", "--address", address, "--token", TOKEN.reveal(), key, in.toString())).as("put: %s", err).isZero();
        assertThat(Main.run("get", "--address", address, "--token", TOKEN.reveal(), key, out.toString())).as("get: %s", err).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(CONTENT);
    }

    private ConnectionServer serve(String listen) throws Exception {
        Serving serving = ServedRepository.serving(served, TOKEN);
        ListenPlan plan = ListenPlan.choose(listen);
        Listener listener = plan.tls() ? new TlsPlugin(() -> tcp).listen(plan.bind(), new CredsDir(dir.resolve("creds"))) : tcp.listen(plan.bind());
        return ConnectionServer.start(listener, (c, admission) -> {
            handled.incrementAndGet();
            serving.handle(c, admission);
        }, ServerOptions.of(4, "ERROR busy\n"));
    }

    private static int port(ConnectionServer server) {
        String a = server.address();
        String hostPort = a.startsWith("tls://") ? TlsAddress.parse(a).endpoint().toString() : a;
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    private static String key(byte[] content) throws Exception {
        return AnnexedContent.of(content, ".bin").keyText();
    }

    /** 64 bytes from the middle of {@code content}: any cleartext copy on the wire contains them. */
    private static byte[] slice(byte[] content) {
        return java.util.Arrays.copyOfRange(content, content.length / 2, content.length / 2 + 64);
    }
}
