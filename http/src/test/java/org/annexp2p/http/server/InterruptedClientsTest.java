package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Clients cut off in the middle of GETs and PUTs, again and again, while other clients drop, store and get the same
 * keys: the server never wedges, holds no lock afterwards, shows nothing partial, and keeps no thread busy.
 */
@Timeout(180)
class InterruptedClientsTest {
    private static final int SIZE = 4 << 20;
    private static final int CUTS = 24;
    private static final int ROUNDS = 3;
    private static final int OTHERS = 3;
    private static final byte[] CONTENT = pattern(SIZE);

    @TempDir
    Path tmp;

    private final List<Key> keys = List.of(Key.parse("WORM-s" + SIZE + "--cut-a").get(), Key.parse("WORM-s" + SIZE + "--cut-b").get());

    @Test
    void clientsCutOffMidTransferNeitherWedgeTheServerNorLeaveLocksOrPartialContent() throws Exception {
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        try (ServerFixture f = new ServerFixture(repository, ServerFixture.wideOpen())) {
            ExecutorService clients = Executors.newFixedThreadPool(OTHERS + 1);
            List<Future<?>> running = new ArrayList<>();
            running.add(clients.submit(() -> {
                cutter(f);
                return null;
            }));
            for (int c = 0; c < OTHERS; c++) {
                running.add(clients.submit(() -> {
                    dropStoreGet(f);
                    return null;
                }));
            }
            for (Future<?> r : running) {
                r.get(150, TimeUnit.SECONDS);
            }
            clients.shutdown();

            assertThat(Holdings.settled(30).busy()).as("server threads still busy with cut-off requests").isZero();
            for (Key key : keys) {
                if (repository.locate(key).isDefined()) {
                    assertThat(Files.readAllBytes(repository.locate(key).get())).as("visible content is whole").isEqualTo(CONTENT);
                }
                // A lock left behind by a cut-off client would hold off the removal.
                String removed = f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key)), Option.none()).body();
                assertThat(removed).startsWith("{\"removed\":true");
                assertThat(put(f, key).body()).isEqualTo("{\"stored\":true,\"plusuuids\":[]}");
                assertThat(getMatches(f, key)).isTrue();
                assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key)), Option.none()).body())
                        .isEqualTo("{\"present\":true}");
            }
        }
    }

    /** Alternately cuts a GET after its first bytes and a PUT halfway through. */
    private void cutter(ServerFixture f) throws Exception {
        int port = f.server.address().getPort();
        for (int i = 0; i < CUTS; i++) {
            Key key = keys.get(i / 2 % keys.size());
            if (i % 2 == 0) {
                CutClients.getThenCut(port, f.path("v3", "key/" + ServerFixture.key(key), ""), 128 * 1024);
            } else {
                CutClients.putThenCut(port, f.path("v3", "put", "&key=" + ServerFixture.key(key)), CONTENT, SIZE / 2);
            }
        }
    }

    /** Drops, stores and gets each key; a key another client dropped meanwhile may be absent, never wrong. */
    private void dropStoreGet(ServerFixture f) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            for (Key key : keys) {
                assertThat(f.post(f.url("v3", "remove", "&key=" + ServerFixture.key(key)), Option.none()).statusCode()).isEqualTo(200);
                assertThat(put(f, key).statusCode()).isEqualTo(200);
                getMatches(f, key);
            }
        }
    }

    private static HttpResponse<String> put(ServerFixture f, Key key) throws Exception {
        return f.put(f.url("v3", "put", "&key=" + ServerFixture.key(key)), SIZE, HttpRequest.BodyPublishers.ofByteArray(CONTENT));
    }

    /** Whether the key was there and came down whole; fails the test if it came down wrong. */
    private static boolean getMatches(ServerFixture f, Key key) throws Exception {
        HttpResponse<InputStream> r = f.http.send(HttpRequest.newBuilder(URI.create(f.url("v3", "key/" + ServerFixture.key(key), "")))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() == 404) {
                return false;
            }
            assertThat(r.statusCode()).isEqualTo(200);
            // Content dropped while it was sent may come short (the protocol's way of saying so), never different.
            byte[] buf = new byte[64 * 1024];
            int at = 0;
            for (int n; (n = in.read(buf)) >= 0; at += n) {
                assertThat(at + n).as("no more than the content").isLessThanOrEqualTo(SIZE);
                assertThat(Arrays.equals(buf, 0, n, CONTENT, at, at + n)).as("the bytes sent are the content's").isTrue();
            }
            return at == SIZE;
        }
    }

    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 131 >>> 3);
        }
        return b;
    }
}
