package org.annexp2p.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that goes quiet cannot hold the client: a small answer must come whole within the answer bound even when
 * it trickles, and a transfer ends once nothing moved either way for the transfer bound, whether the server never
 * answered, stopped half-way through a download, or stopped reading an upload. A slow transfer that keeps moving is
 * never cut. The bounds are short here; the class timeout only guards the build against the hang this is about.
 */
@Timeout(120)
class SilentServerTest {
    private static final Duration BOUND = Duration.ofMillis(400);
    /** For transfers that keep moving: a byte every {@link #GAP}, ten within the bound, more bytes than fit in one. */
    private static final Duration MOVING_BOUND = Duration.ofSeconds(1);
    private static final Duration GAP = MOVING_BOUND.dividedBy(10);
    private final Key key = Key.parse("SHA256E-s3--" + "2".repeat(64)).get();

    private P2pHttpClient client(StallingServer server) {
        return client(server, BOUND);
    }

    private P2pHttpClient client(StallingServer server, Duration bound) {
        AnnexUrl url = AnnexUrl.parse("annex+http://127.0.0.1:" + server.port() + "/git-annex/").get();
        return new P2pHttpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), url,
                Uuid.random(), Uuid.random(), CredentialSource.fixed(Option.none()), new Silence(bound, bound));
    }

    private static String base(StallingServer server) {
        return "the server at http://127.0.0.1:" + server.port() + "/git-annex/";
    }

    private static byte[] head(String status, long length) {
        return ("HTTP/1.1 " + status + "\r\nConnection: close\r\nContent-Length: " + length + "\r\n"
                + "X-git-annex-data-length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anAnswerNeverGivenFailsInOneLine() throws IOException {
        try (StallingServer server = new StallingServer((line, in, out, closed) -> closed.await())) {
            assertThatThrownBy(() -> client(server).checkPresent(key)).isInstanceOf(IOException.class)
                    .hasMessage(base(server) + " did not answer within 400 ms");
        }
    }

    @Test
    void anAnswerThatTricklesIsBoundAsAWhole() throws IOException {
        // Headers at once, then a byte of the JSON well within the bound each time, never the end.
        try (StallingServer server = new StallingServer((line, in, out, closed) -> {
            out.write(head("200 OK", 1 << 20));
            out.flush();
            while (!closed.await(BOUND.toMillis() / 8, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                out.write(' ');
                out.flush();
            }
        })) {
            assertThatThrownBy(() -> client(server).remove(key)).isInstanceOf(IOException.class)
                    .hasMessage(base(server) + " did not answer within 400 ms");
        }
    }

    @Test
    void aDownloadThatStopsHalfWayFailsInOneLine() throws IOException {
        try (StallingServer server = new StallingServer((line, in, out, closed) -> {
            if (line.contains("/checkpresent?")) {
                out.write(StubServer.json("{\"present\":true}"));
            } else {
                out.write(head("200 OK", 3));
                out.write('a');
                out.flush();
                closed.await();
            }
        })) {
            ByteArrayOutputStream into = new ByteArrayOutputStream();
            assertThatThrownBy(() -> client(server).get(key, AssociatedFile.NONE, 0, into)).isInstanceOf(IOException.class)
                    .hasMessage(base(server) + " sent and took nothing for 400 ms");
            assertThat(into.toByteArray()).containsExactly('a');
        }
    }

    @Test
    void aDownloadNeverAnsweredFailsInOneLine() throws IOException {
        try (StallingServer server = new StallingServer((line, in, out, closed) -> {
            if (line.contains("/checkpresent?")) {
                out.write(StubServer.json("{\"present\":true}"));
            } else {
                closed.await();
            }
        })) {
            assertThatThrownBy(() -> client(server).get(key, AssociatedFile.NONE, 0, new ByteArrayOutputStream()))
                    .isInstanceOf(IOException.class).hasMessage(base(server) + " sent and took nothing for 400 ms");
        }
    }

    @Test
    void anUploadTheServerStopsReadingFailsInOneLine() throws IOException {
        // More than the sockets' buffers hold, so the client's writes block once the server stops reading.
        long length = 64 << 20;
        try (StallingServer server = new StallingServer((line, in, out, closed) -> closed.await())) {
            assertThatThrownBy(() -> client(server).put(key, AssociatedFile.NONE, 0, length,
                    () -> zeros(length))).isInstanceOf(IOException.class)
                    .hasMessage(base(server) + " sent and took nothing for 400 ms");
        }
    }

    /** {@code length} zero bytes, made as they are read (the tests' heap is small). */
    private static java.io.InputStream zeros(long length) {
        return new java.io.InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void aSlowDownloadThatKeepsMovingIsNotCut() throws IOException {
        // The whole download takes longer than the bound; every gap is a tenth of it.
        byte[] content = "slow but alive".getBytes(StandardCharsets.US_ASCII);
        AtomicInteger downloads = new AtomicInteger();
        try (StallingServer server = new StallingServer((line, in, out, closed) -> {
            if (line.contains("/checkpresent?")) {
                out.write(StubServer.json("{\"present\":true}"));
                return;
            }
            downloads.incrementAndGet();
            out.write(head("200 OK", content.length));
            out.flush();
            for (byte b : content) {
                // The pace of a slow server; a closed one stops at once.
                if (closed.await(GAP.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
                out.write(b);
                out.flush();
            }
        })) {
            ByteArrayOutputStream into = new ByteArrayOutputStream();
            assertThat(client(server, MOVING_BOUND).get(key, AssociatedFile.NONE, 0, into)).isEqualTo(content.length);
            assertThat(into.toByteArray()).isEqualTo(content);
            assertThat(downloads).hasValue(1);
        }
    }

    @Test
    void aSlowUploadThatKeepsMovingIsNotCut() throws IOException {
        // The content comes from a slow source, a byte each gap; the server reads it and answers.
        byte[] content = "slow but alive".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (StallingServer server = new StallingServer((line, in, out, closed) -> {
            received.write(in.readNBytes(content.length));
            out.write(StubServer.json("{\"stored\":true}"));
            out.flush();
        })) {
            java.io.InputStream slow = new java.io.InputStream() {
                int next;

                @Override
                public int read() throws IOException {
                    if (next == content.length) {
                        return -1;
                    }
                    // The pace of a slow source; once the server is closed (the test over) it ends at once.
                    if (server.awaitClosed(GAP)) {
                        throw new IOException("the server is closed");
                    }
                    return content[next++];
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int c = read();
                    if (c < 0) {
                        return -1;
                    }
                    b[off] = (byte) c;
                    return 1;
                }
            };
            assertThat(client(server, MOVING_BOUND).put(key, AssociatedFile.NONE, 0, content.length, () -> slow)).isTrue();
            assertThat(Arrays.equals(received.toByteArray(), content)).isTrue();
        }
    }
}
