package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.AnnexRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients looping remove, store, get and checkpresent all complete every round, and the process holds as many
 * file descriptors and threads after the run as after its first rounds: nothing a request opens outlives it.
 */
@Timeout(120)
class LoopingClientsTest {
    private static final int CLIENTS = 8;
    private static final int WARM_UP = 2;
    private static final int ROUNDS = 15;
    private static final int SIZE = 64 * 1024;
    private static final byte[] CONTENT = InterruptedClientsTest.pattern(SIZE);

    @TempDir
    Path tmp;

    @Test
    void clientsLoopingDropAndGetAllCompleteAndLeaveDescriptorsAndThreadsFlat() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        try (ServerFixture f = new ServerFixture(repository, ServerFixture.wideOpen())) {
            run(f, WARM_UP);
            Holdings before = Holdings.settled(30);
            int completed = run(f, ROUNDS);
            Holdings after = Holdings.settled(30);

            assertThat(completed).isEqualTo(CLIENTS * ROUNDS);
            assertThat(after.busy()).isZero();
            // Slack for the client's pooled connections and pool threads that the timing of a round may add.
            assertThat(after.descriptors()).as("open file descriptors, before: " + before.descriptors())
                    .isLessThanOrEqualTo(before.descriptors() + CLIENTS);
            List<String> added = new ArrayList<>(after.names());
            before.names().forEach(added::remove);
            assertThat(after.threads()).as("threads, before: %s; added: %s", before.threads(), added)
                    .isLessThanOrEqualTo(before.threads() + CLIENTS);
        }
    }

    /** Each client loops on a key of its own; how many rounds completed in all. */
    private static int run(ServerFixture f, int rounds) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Integer>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Key key = Key.parse("WORM-s" + SIZE + "--loop-" + c).get();
                running.add(clients.submit(() -> loop(f, key, rounds)));
            }
            int completed = 0;
            for (Future<Integer> r : running) {
                completed += r.get(100, TimeUnit.SECONDS);
            }
            return completed;
        } finally {
            // Its threads end only after shutdown() returns: counted while ending, they would pass for threads a
            // request left behind (up to one a client, in whichever of the two counts caught them).
            clients.shutdown();
            if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the clients' threads did not end");
            }
        }
    }

    private static int loop(ServerFixture f, Key key, int rounds) throws Exception {
        String k = ServerFixture.key(key);
        int completed = 0;
        for (int i = 0; i < rounds; i++) {
            assertThat(f.post(f.url("v3", "remove", "&key=" + k), Option.none()).statusCode()).isEqualTo(200);
            assertThat(f.post(f.url("v3", "checkpresent", "&key=" + k), Option.none()).body()).isEqualTo("{\"present\":false}");
            assertThat(f.put(f.url("v3", "put", "&key=" + k), SIZE, HttpRequest.BodyPublishers.ofByteArray(CONTENT)).body())
                    .isEqualTo("{\"stored\":true,\"plusuuids\":[]}");
            assertThat(f.get(f.url("v3", "key/" + k, "")).body()).isEqualTo(CONTENT);
            completed++;
        }
        return completed;
    }
}
