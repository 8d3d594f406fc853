package org.annexp2p.interpreters.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
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
 * Hostile and clumsy peers against the AUTH server over the in-memory network: each gets the protocol's answer,
 * nothing partial or wrong becomes visible, and the server keeps serving everyone else.
 */
class ServingBadInputTest {
    static final AuthToken TOKEN = AuthToken.parse("t0ken").get();
    final MemoryNetwork network = new MemoryNetwork();
    final MemoryRepository repo = new MemoryRepository(new Uuid("server"));
    ConnectionServer server;

    @BeforeEach
    void start() throws IOException {
        Serving serving = new Serving(repo, ServerMode.READ_WRITE, () -> List.of(TOKEN), Relays.NONE, Transcript.NONE);
        server = ConnectionServer.start(network.listen("srv"), serving, ServerOptions.of(3, "ERROR too many connections\n"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends {@code bytes}, half-closes, and returns everything the server said until it hung up. */
    String exchange(byte[] bytes) throws IOException {
        try (Connection c = network.dial("srv", Duration.ofSeconds(5))) {
            OutputStream out = c.output();
            out.write(bytes);
            out.flush();
            c.shutdownOutput();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = c.input();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            } catch (IOException closed) {
                // The server hung up hard; what arrived is the answer.
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }


    @Test
    void authTwiceIsUnexpectedTheSecondTime() throws Exception {
        assertThat(exchange(text("AUTH u t0ken\nAUTH u t0ken\nVERSION 1\n")))
                .isEqualTo("AUTH-SUCCESS server\nERROR unexpected command\nVERSION 1\n");
    }

    @Test
    void nothingButAuthBeforeAuthAndTheEmptyTokenNeverWorks() throws Exception {
        assertThat(exchange(text("CHECKPRESENT WORM--x\nAUTH u \nGET 0  WORM--x\n")))
                .isEqualTo("ERROR unexpected command\nAUTH-FAILURE\nERROR unexpected command\n");
        assertThat(repo.events()).isEmpty();
    }

    @Test
    void aFloodOfGarbageLinesIsAnsweredLineByLineAndServingGoesOn() throws Exception {
        StringBuilder flood = new StringBuilder("AUTH u t0ken\n");
        for (int i = 0; i < 5000; i++) {
            flood.append("NONSENSE ").append(i).append('\n');
        }
        flood.append("CHECKPRESENT WORM--x\n");
        String answer = exchange(text(flood.toString()));
        assertThat(answer.lines().filter(l -> l.equals("ERROR unknown command"))).hasSize(5000);
        assertThat(answer).endsWith("FAILURE\n");
    }

    @Test
    void anOverlongLineEndsThatConnectionOnly() throws Exception {
        String answer = exchange(text("AUTH u t0ken\n" + "X".repeat(40_000) + "\n"));
        assertThat(answer).isEqualTo("AUTH-SUCCESS server\n");
        assertThat(exchange(text("AUTH u t0ken\nCHECKPRESENT WORM--x\n"))).endsWith("FAILURE\n");
    }

    @Test
    void aClientThatLiesAboutDataLengthStoresNothing() throws Exception {
        byte[] content = "twelve bytes".getBytes(StandardCharsets.US_ASCII);
        Key key = AnnexedContent.sha256e(content, ".bin");
        // Announces more bytes than the key's size, then sends them: more than the key can hold is refused.
        byte[] more = "twelve bytes and then some more".getBytes(StandardCharsets.US_ASCII);
        String answer = exchange(concat(text("AUTH u t0ken\nVERSION 1\nPUT  " + key.serialize() + "\nDATA " + more.length + "\n"),
                more, text("VALID\n")));
        assertThat(answer).endsWith("PUT-FROM 0\nFAILURE\n");
        assertThat(repo.content(key)).isEqualTo(Option.none());
        // Announces the right length but goes away early: a partial copy for resuming, never an object.
        String early = exchange(concat(text("AUTH u t0ken\nVERSION 1\nPUT  " + key.serialize() + "\nDATA 12\n"),
                "twelve".getBytes(StandardCharsets.US_ASCII)));
        assertThat(early).endsWith("PUT-FROM 0\n");
        assertThat(repo.content(key)).isEqualTo(Option.none());
        assertThat(repo.partialSize(new Destination.ObjectStore(key)).value()).isEqualTo(6);
        String resumed = exchange(concat(text("AUTH u t0ken\nVERSION 1\nPUT  " + key.serialize() + "\nDATA 6\n"),
                " bytes".getBytes(StandardCharsets.US_ASCII), text("VALID\n")));
        assertThat(resumed).endsWith("PUT-FROM 6\nSUCCESS\n");
        assertThat(repo.content(key).get()).isEqualTo(content);
    }

    @Test
    void keysThatLookLikePathsAreJustNames() throws Exception {
        assertThat(exchange(text("AUTH u t0ken\nCHECKPRESENT WORM--../../etc/passwd\nCHECKPRESENT WORM--/abs\n")))
                .isEqualTo("AUTH-SUCCESS server\nFAILURE\nFAILURE\n");
        assertThat(exchange(text("AUTH u t0ken\nGET 0 ../../etc/passwd WORM--x\n")))
                .isEqualTo("AUTH-SUCCESS server\nERROR unknown command\n");
    }

    @Test
    void tooManyConnectionsAreRefusedWhileOthersAreServed() throws Exception {
        Connection[] held = new Connection[3];
        for (int i = 0; i < held.length; i++) {
            held[i] = network.dial("srv", Duration.ofSeconds(5));
            held[i].output().write(text("AUTH u t0ken\n"));
            held[i].output().flush();
            byte[] line = new byte["AUTH-SUCCESS server\n".length()];
            new java.io.DataInputStream(held[i].input()).readFully(line);
        }
        try {
            assertThat(exchange(text("AUTH u t0ken\n"))).isEqualTo("ERROR too many connections\n");
            held[0].output().write(text("CHECKPRESENT WORM--x\n"));
            held[0].output().flush();
            byte[] answer = new byte["FAILURE\n".length()];
            new java.io.DataInputStream(held[0].input()).readFully(answer);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("FAILURE\n");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
