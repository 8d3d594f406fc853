package org.annexp2p.interpreters.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.contract.RecordingAdmission;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.stdio.StdioConnection;
import org.annexp2p.transports.tcp.TcpTransport;
import org.junit.jupiter.api.Test;

/**
 * Every request a peer can make, sent before AUTH over real transports to a server on a real repository: each
 * is refused and the repository is left exactly as it was. Over Tor the server side is this same TCP
 * listener, bound to loopback, with tor forwarding the onion's streams to it (serve --tor), so the TCP case
 * covers it.
 */
class PreAuthOverTransportsTest {
    static final String KEY = "SHA256E-s5--2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824.txt";
    /** Every request of the protocol, including the ones that would write, remove, lock or wait. */
    static final List<String> REQUESTS = List.of("CHECKPRESENT " + KEY, "LOCKCONTENT " + KEY, "UNLOCKCONTENT",
            "REMOVE " + KEY, "REMOVE-BEFORE 99 " + KEY, "GETTIMESTAMP", "GET 0 file.txt " + KEY, "PUT file.txt " + KEY,
            "PUT  WORM-s5--../../../../sentinel/planted", "DATA 5", "VERSION 1", "BYPASS a b", "CONNECT git-upload-pack",
            "CONNECT git-receive-pack", "NOTIFYCHANGE", "VALID", "SUCCESS");

    static String preAuthSession() {
        StringBuilder sb = new StringBuilder();
        REQUESTS.forEach(r -> sb.append(r).append('\n'));
        return sb.append("AUTH peer wrongtoken\n").toString();
    }

    static String expectedAnswer() {
        return "ERROR unexpected command\n".repeat(REQUESTS.size()) + "AUTH-FAILURE\n";
    }

    @Test
    void overTcpLoopback() throws Exception {
        try (FuzzRepository fixture = FuzzRepository.create(); TcpTransport tcp = new TcpTransport()) {
            Map<String, String> before = fixture.snapshot();
            try (ConnectionServer server = ConnectionServer.start(tcp.listen("127.0.0.1:0"), serving(fixture),
                    ServerOptions.of(4, "ERROR busy\n"));
                    Connection c = tcp.dial(server.address(), Duration.ofSeconds(10))) {
                assertThat(exchange(c, preAuthSession())).isEqualTo(expectedAnswer());
            }
            assertThat(FuzzRepository.changed(before, fixture.snapshot())).isEmpty();
        }
    }

    @Test
    void overAStdioPipe() throws Exception {
        try (FuzzRepository fixture = FuzzRepository.create()) {
            Map<String, String> before = fixture.snapshot();
            PipedOutputStream toServer = new PipedOutputStream();
            PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
            PipedInputStream fromServer = new PipedInputStream(1 << 16);
            PipedOutputStream serverOut = new PipedOutputStream(fromServer);
            Serving serving = serving(fixture);
            try (StdioConnection stdio = new StdioConnection(serverIn, serverOut, "stdio pipe")) {
                CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                    try {
                        serving.handle(stdio, new RecordingAdmission());
                        stdio.shutdownOutput();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                toServer.write(preAuthSession().getBytes(StandardCharsets.US_ASCII));
                toServer.close();
                assertThat(readAll(fromServer)).isEqualTo(expectedAnswer());
                served.get(ServerRun.HANG.toSeconds(), TimeUnit.SECONDS);
            }
            assertThat(FuzzRepository.changed(before, fixture.snapshot())).isEmpty();
        }
    }

    private static Serving serving(FuzzRepository fixture) {
        return new Serving(fixture.repository(), ServerMode.READ_WRITE,
                () -> List.of(ServerFuzzProperties.TOKEN), Relays.NONE, Transcript.NONE);
    }

    private static String exchange(Connection c, String sent) throws IOException {
        c.output().write(sent.getBytes(StandardCharsets.US_ASCII));
        c.output().flush();
        c.shutdownOutput();
        return readAll(c.input());
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                got.write(buf, 0, n);
            }
        } catch (IOException ended) {
            // A pipe whose writer thread has finished reports that instead of end-of-stream; what came is the answer.
        }
        return got.toString(StandardCharsets.US_ASCII);
    }
}
