package org.annexp2p.interpreters.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.AnnexedContent;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer whose upload was cut and who redials at once, while the server's handler for the old connection still
 * holds the key's transfer: the new PUT is answered only once the old one lets go, and resumes from what it
 * wrote; a transfer still running is refused before the peer sends a byte, in words that say so.
 */
class RedialedPutTest {
    static final AuthToken TOKEN = AuthToken.parse("t0ken").get();
    static final byte[] CONTENT = "twelve bytes".getBytes(StandardCharsets.US_ASCII);
    final MemoryNetwork network = new MemoryNetwork();
    final MemoryRepository repo = new MemoryRepository(new Uuid("server"));
    ConnectionServer server;
    Key key;

    @BeforeEach
    void start() throws Exception {
        key = AnnexedContent.sha256e(CONTENT, ".bin");
        Serving serving = new Serving(repo, ServerMode.READ_WRITE, () -> List.of(TOKEN), Relays.NONE, Transcript.NONE);
        server = ConnectionServer.start(network.listen("srv"), serving, ServerOptions.of(4, "ERROR too many connections\n"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** One authenticated connection, spoken to line by line. */
    final class Peer implements AutoCloseable {
        final Connection c;
        final BufferedReader in;

        Peer() throws IOException {
            c = network.dial("srv", Duration.ofSeconds(5));
            in = new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.ISO_8859_1));
            send("AUTH u t0ken\nVERSION 1\n");
            assertThat(in.readLine()).isEqualTo("AUTH-SUCCESS server");
            assertThat(in.readLine()).isEqualTo("VERSION 1");
        }

        void send(String text) throws IOException {
            send(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        void send(byte[] bytes) throws IOException {
            c.output().write(bytes);
            c.output().flush();
        }

        String put() throws IOException {
            send("PUT demo.bin " + key.serialize() + "\n");
            return in.readLine();
        }

        @Override
        public void close() {
            c.close();
        }
    }

    /** The first half of the content went; the connection stays open, its handler waiting for the rest. */
    Peer holdingHalf() throws IOException {
        Peer first = new Peer();
        assertThat(first.put()).isEqualTo("PUT-FROM 0");
        first.send("DATA 12\n");
        first.send(java.util.Arrays.copyOf(CONTENT, 6));
        return first;
    }

    @Test
    void aTransferStillRunningElsewhereIsRefusedBeforeAnyByteIsSent() throws Exception {
        try (Peer first = holdingHalf(); Peer second = new Peer()) {
            assertThat(second.put())
                    .isEqualTo("ERROR this key is being received on another connection; try again when that transfer ends");
            first.send(java.util.Arrays.copyOfRange(CONTENT, 6, 12));
            first.send("VALID\n");
            assertThat(first.in.readLine()).isEqualTo("SUCCESS");
        }
        assertThat(repo.content(key).get()).isEqualTo(CONTENT);
    }

    @Test
    void aRedialedPutResumesFromWhatTheCutConnectionWrote() throws Exception {
        Peer first = holdingHalf();
        try (Peer second = new Peer()) {
            second.send("PUT demo.bin " + key.serialize() + "\n");
            first.close();
            assertThat(second.in.readLine()).isEqualTo("PUT-FROM 6");
            second.send("DATA 6\n");
            second.send(java.util.Arrays.copyOfRange(CONTENT, 6, 12));
            second.send("VALID\n");
            assertThat(second.in.readLine()).isEqualTo("SUCCESS");
        }
        assertThat(repo.content(key).get()).isEqualTo(CONTENT);
    }
}
