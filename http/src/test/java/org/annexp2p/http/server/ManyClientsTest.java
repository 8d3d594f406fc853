package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 200 clients asking for a download at the same moment are all served whole in this module's -Xmx64m heap (shared
 * with the clients): the server serves as many at once as it was told to (the rest get 503 and ask again), and what
 * it holds for each is bounded whatever the content's size.
 */
@Timeout(180)
class ManyClientsTest {
    private static final int CLIENTS = 200;
    private static final int SIZE = 1 << 20;
    private static final byte[] CONTENT = InterruptedClientsTest.pattern(SIZE);

    @Test
    void twoHundredConcurrentDownloadsAreAllServedInTheSmallHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("the bound this test is about").isLessThanOrEqualTo(64L << 20);
        MemoryRepository repository = new MemoryRepository(Uuid.random());
        Key key = Key.parse("WORM-s" + SIZE + "--many").get();
        repository.putContent(key, CONTENT);
        // A download holds about 0.6 MiB of fixed buffers (protocol reader and writer on both sides, the pipe), and
        // this heap also holds the 200 clients and what the module's other test classes left: 24 at once fits.
        try (ServerFixture f = new ServerFixture(repository, ServerFixture.wideOpen(), P2pHttpServer.Settings.DEFAULT_IDLE,
                24)) {
            URI uri = URI.create(f.url("v3", "key/" + ServerFixture.key(key), ""));
            CyclicBarrier allStarted = new CyclicBarrier(CLIENTS);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<Boolean>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    running.add(clients.submit(() -> download(f, uri, allStarted)));
                }
                for (Future<Boolean> r : running) {
                    assertThat(r.get(150, TimeUnit.SECONDS)).as("a download came whole").isTrue();
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    /** Starts with every other client, asks again while the server is busy: whether the content came whole. */
    private static boolean download(ServerFixture f, URI uri, CyclicBarrier allStarted) throws Exception {
        allStarted.await(120, TimeUnit.SECONDS);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            HttpResponse<InputStream> r = f.http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() == 503) {
                    in.readAllBytes();
                    Thread.sleep(5);
                    continue;
                }
                assertThat(r.statusCode()).isEqualTo(200);
                return whole(in);
            }
        }
        return false;
    }

    private static boolean whole(InputStream in) throws Exception {
        byte[] buf = new byte[16 * 1024];
        int at = 0;
        for (int n; (n = in.read(buf)) >= 0; at += n) {
            if (at + n > SIZE || !Arrays.equals(buf, 0, n, CONTENT, at, at + n)) {
                return false;
            }
        }
        return at == SIZE;
    }
}
