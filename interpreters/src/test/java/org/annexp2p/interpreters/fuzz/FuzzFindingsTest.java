package org.annexp2p.interpreters.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;

/** What fuzzing the server found, pinned down one case each. */
class FuzzFindingsTest {
    static final String AUTH = "AUTH peer " + ServerFuzzProperties.TOKEN.reveal() + "\n";

    /**
     * Found by ServerFuzzProperties: a peer that sent NOTIFYCHANGE and hung up kept the server waiting for a
     * ref change that might never come — its thread and its connection slot held.
     */
    @Test
    void aPeerThatHangsUpWhileWaitingForRefChangesIsLetGo() throws Exception {
        try (FuzzRepository fixture = FuzzRepository.create()) {
            Serving serving = new Serving(fixture.repository(), ServerMode.READ_WRITE,
                    () -> List.of(ServerFuzzProperties.TOKEN), Relays.NONE, Transcript.NONE);
            try (ServerRun run = new ServerRun(serving)) {
                ServerRun.Result r = run.run((AUTH + "NOTIFYCHANGE\n").getBytes(StandardCharsets.US_ASCII), "NOTIFYCHANGE");
                assertThat(r.escaped()).isNull();
                assertThat(new String(r.written(), StandardCharsets.US_ASCII))
                        .isEqualTo("AUTH-SUCCESS " + fixture.repository().uuid().value() + "\n");
            }
        }
    }

    /** The peer still gets CHANGED while it waits; once it goes, its slot is free for the next peer. */
    @Test
    void changesAreStillAnsweredAndAGonePeersSlotIsFreed() throws Exception {
        try (FuzzRepository fixture = FuzzRepository.create()) {
            MemoryNetwork network = new MemoryNetwork();
            Serving serving = new Serving(fixture.repository(), ServerMode.READ_WRITE,
                    () -> List.of(ServerFuzzProperties.TOKEN), Relays.NONE, Transcript.NONE);
            // One slot: the second peer is served only once the first one's handler has ended.
            try (ConnectionServer server = ConnectionServer.start(network.listen("srv"), serving, ServerOptions.of(1, "ERROR busy\n"))) {
                String sha = "0123456789abcdef0123456789abcdef01234567";
                try (Connection first = network.dial("srv", Duration.ofSeconds(5))) {
                    BufferedReader in = send(first, AUTH + "NOTIFYCHANGE\n");
                    assertThat(in.readLine()).startsWith("AUTH-SUCCESS ");
                    Files.writeString(fixture.repository().gitDir().resolve("refs/heads/fuzzed"), sha + "\n");
                    assertThat(in.readLine()).isEqualTo("CHANGED " + sha);
                    send(first, "NOTIFYCHANGE\n");
                }
                assertThat(firstAnswerOfALaterPeer(network)).startsWith("AUTH-SUCCESS ");
            }
        }
    }

    /** Dials until a peer is served rather than refused (bounded): the freed slot may take a moment to free. */
    private static String firstAnswerOfALaterPeer(MemoryNetwork network) throws Exception {
        String answer = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            try (Connection next = network.dial("srv", Duration.ofSeconds(5))) {
                answer = send(next, AUTH).readLine();
            }
            if (!"ERROR busy".equals(answer)) {
                return answer;
            }
            Thread.sleep(100);
        }
        return answer;
    }

    private static BufferedReader send(Connection c, String text) throws Exception {
        c.output().write(text.getBytes(StandardCharsets.US_ASCII));
        c.output().flush();
        return new BufferedReader(new InputStreamReader(c.input(), StandardCharsets.US_ASCII));
    }
}
