package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;

/**
 * serve --debug prints the conversation on stderr: wrong, right, upper-cased, lower-cased, split and broken AUTH
 * lines never show the token, whole or in pieces.
 */
class DebugTokenTest {
    static final String SERVER = "7d4c2b1a-0e9f-4a8b-b7c6-d5e4f3a2b1c0";
    static final AuthToken TOKEN = AuthToken.parse("5ecre7d0e5n07a99ear1n10g5a7a11ev3n1nd3bu9m0de").get();

    @Test
    void theTokenNeverReachesStderrOrStdout() throws Exception {
        String t = TOKEN.reveal();
        String peer = "0f0e9c4a-7f3b-4d51-a2c6-9b1e8d7c6a55";
        List<String> sessions = List.of("AUTH " + peer + " wrong" + t + "\n", "AUTH " + peer + " " + t + "\nGETTIMESTAMP\n",
                "AUTH " + peer + " " + t.toUpperCase() + "\n", "AUTH " + peer + " " + t + " trailing\n",
                "CHECKPRESENT WORM--xAUTH peer " + t + "\n", t + "\n", "ERROR " + t + "\n",
                "AUTH " + peer + " " + t.substring(0, 20) + " " + t.substring(20) + "\n", "auth " + t + "\r\n");
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        MemoryNetwork network = new MemoryNetwork();
        System.setErr(capture);
        System.setOut(capture);
        try (ConnectionServer server = ConnectionServer.start(network.listen("srv"), new Serving(new MemoryRepository(new Uuid(SERVER)),
                ServerMode.READ_WRITE, () -> List.of(TOKEN), Relays.NONE, Debug.transcript(true)), ServerOptions.of(2, "ERROR busy\n"))) {
            for (String session : sessions) {
                try (Connection c = network.dial("srv", Duration.ofSeconds(5))) {
                    c.output().write(session.getBytes(StandardCharsets.US_ASCII));
                    c.output().flush();
                    c.shutdownOutput();
                    InputStream in = c.input();
                    while (in.read() >= 0) {
                        // Drained: the conversation is over once the server hangs up.
                    }
                }
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        // Control: debug output did happen, with the token's placeholder where it was.
        assertThat(printed).contains("P2P < AUTH " + peer + " <AUTHTOKEN>").contains("P2P > AUTH-SUCCESS " + SERVER);
        assertThat(printed.toLowerCase()).doesNotContain(t).doesNotContain(t.substring(0, 20)).doesNotContain(t.substring(20));
    }
}
