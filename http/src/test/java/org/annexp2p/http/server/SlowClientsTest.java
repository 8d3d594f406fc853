package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.testkit.content.GitAnnexKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Slow or silent clients (slowloris) lose their connection after the idle time, whatever stage they stall at, while
 * a normal client is served meanwhile; a keeplocked long poll is not taken for a stalled upload.
 */
@Timeout(60)
class SlowClientsTest {
    private static final Duration IDLE = Duration.ofMillis(300);

    private final MemoryRepository repository = new MemoryRepository(Uuid.random());
    private final Key key = GitAnnexKeys.all().stream().filter(k -> k.size().get() == 64).findFirst().orElseThrow();
    private final ServerFixture f = start();

    private ServerFixture start() {
        try {
            return new ServerFixture(repository, ServerFixture.wideOpen(), IDLE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private Socket connect() throws Exception {
        Socket s = new Socket("127.0.0.1", f.server.address().getPort());
        s.setSoTimeout(30_000);
        return s;
    }

    /** Reads until the server closes; what it said. */
    private static String untilClosed(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private String path(String route, String query) {
        return f.url("v3", route, query).substring(f.base().indexOf("/git-annex"));
    }

    @Test
    void aClientThatSendsHalfAHeadAndFallsSilentIsClosed() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("POST /git-annex/".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(untilClosed(s)).isEmpty();
        }
    }

    @Test
    void aClientTricklingItsHeadIsClosedAndOthersAreServedMeanwhile() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            String head = "POST " + path("checkpresent", "&key=" + ServerFixture.key(key)) + " HTTP/1.1\r\nHost: x\r\n";
            boolean closed = false;
            for (int i = 0; i < head.length() && !closed; i++) {
                try {
                    out.write(head.charAt(i));
                    out.flush();
                    Thread.sleep(IDLE.toMillis() / 3);
                } catch (java.io.IOException e) {
                    closed = true;
                }
                if (i == 3) {
                    assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key)), Option.none()).body())
                            .isEqualTo("{\"present\":false}");
                }
            }
            assertThat(closed || untilClosed(s).isEmpty()).as("closed before the head was complete").isTrue();
        }
    }

    @Test
    void anUploadThatStallsIsClosedAndLeavesNothing() throws Exception {
        byte[] content = GitAnnexKeys.content(key);
        try (Socket s = connect()) {
            String head = "POST " + path("put", "&key=" + ServerFixture.key(key)) + " HTTP/1.1\r\nHost: x\r\nX-git-annex-data-length: "
                    + content.length + "\r\nContent-Length: " + content.length + "\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(content, 0, 10);
            s.getOutputStream().flush();
            untilClosed(s);
        }
        assertThat(repository.content(key).isEmpty()).isTrue();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsAnswer() throws Exception {
        try (Socket s = connect()) {
            String head = "POST " + path("checkpresent", "&key=" + ServerFixture.key(key)) + " HTTP/1.1\r\nHost: x\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(untilClosed(s)).startsWith("HTTP/1.1 200").endsWith("{\"present\":false}");
        }
    }

    @Test
    void aSilentKeepLockedLongPollKeepsItsLock() throws Exception {
        repository.putContent(key, GitAnnexKeys.content(key));
        String locked = f.post(f.url("v3", "lockcontent", "&key=" + ServerFixture.key(key)), Option.none()).body();
        String lockId = locked.replaceAll(".*\"lockid\":\"([^\"]*)\".*", "$1");
        try (Socket s = connect()) {
            String head = "POST " + path("keeplocked", "&lockid=" + lockId) + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(chunk("{\"unlock\":false}\n"));
            out.flush();
            Thread.sleep(IDLE.toMillis() * 4);
            assertThat(repository.lockCount(key)).as("still locked after silence").isEqualTo(1);
            out.write(chunk("{\"unlock\":true}\n"));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(untilClosed(s)).contains("{\"locked\":false}");
        }
    }

    @Test
    void aClientThatStopsReadingADownloadStallsNoOneElse() throws Exception {
        Key large = GitAnnexKeys.all().stream().filter(k -> k.size().get() > GitAnnexKeys.LARGE).findFirst().orElseThrow();
        byte[] content = GitAnnexKeys.content(large);
        repository.putContent(large, content);
        repository.putContent(key, GitAnnexKeys.content(key));
        // A patient server: the stalled reader keeps its connection for as long as this test runs.
        try (ServerFixture patient = new ServerFixture(repository, ServerFixture.wideOpen()); Socket s = new Socket("127.0.0.1",
                patient.server.address().getPort())) {
            s.setSoTimeout(30_000);
            s.setReceiveBufferSize(64 * 1024);
            String head = "GET " + patient.path("v3", "key/" + ServerFixture.key(large), "") + " HTTP/1.1\r\nHost: x\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            assertThat(in.read()).as("the download began").isNotNegative();

            for (int i = 0; i < 3; i++) {
                assertThat(patient.get(patient.url("v3", "key/" + ServerFixture.key(key), "")).body()).isEqualTo(GitAnnexKeys.content(key));
                assertThat(patient.post(patient.url("v3", "checkpresent", "&key=" + ServerFixture.key(large)), Option.none()).body())
                        .isEqualTo("{\"present\":true}");
            }
            // The stalled download was not ended to serve the others: it still comes, all of it.
            byte[] rest = in.readNBytes(content.length + 64);
            assertThat(new String(rest, StandardCharsets.ISO_8859_1)).contains("\r\n\r\n");
            assertThat(rest.length).as("headers, chunk framing and the content").isGreaterThan(content.length);
        }
    }

    private static byte[] chunk(String text) {
        return (Integer.toHexString(text.length()) + "\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
