package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.transports.BulkInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content several times the test JVM's heap (the module's tests run with -Xmx64m) goes up and comes back down
 * through the server: neither direction may hold a whole object in memory.
 */
class LargeContentTest {
    private static final long SIZE = 320L << 20;

    @TempDir
    Path tmp;

    @Test
    void anObjectFarLargerThanTheHeapStreamsBothWays() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("this test needs a heap far below the content").isLessThan(SIZE / 3);
        AnnexRepository repository = AnnexRepository.create(tmp.resolve("repo"));
        Key key = Key.parse("WORM-s" + SIZE + "--large.bin").get();
        try (ServerFixture f = new ServerFixture(repository, ServerFixture.wideOpen())) {
            HttpResponse<String> put = f.http.send(HttpRequest.newBuilder(URI.create(f.url("v3", "put", "&key=" + ServerFixture.key(key))))
                    .header("X-git-annex-data-length", Long.toString(SIZE))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new Pattern(SIZE))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.body()).isEqualTo("{\"stored\":true,\"plusuuids\":[]}");

            HttpResponse<InputStream> get = f.http.send(HttpRequest.newBuilder(URI.create(f.url("v3", "key/" + ServerFixture.key(key), "")))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(get.headers().firstValue("X-git-annex-data-length")).contains(Long.toString(SIZE));
            CRC32 got = new CRC32();
            long n = 0;
            try (InputStream in = get.body()) {
                byte[] buf = new byte[64 * 1024];
                for (int r; (r = in.read(buf)) >= 0; n += r) {
                    got.update(buf, 0, r);
                }
            }
            assertThat(n).isEqualTo(SIZE);
            assertThat(got.getValue()).isEqualTo(Pattern.crc(SIZE));
            assertThat(f.post(f.url("v3", "checkpresent", "&key=" + ServerFixture.key(key)), Option.none()).body())
                    .isEqualTo("{\"present\":true}");
        }
    }

    /** {@code size} bytes of a repeating pattern, made as they are read. */
    private static final class Pattern extends BulkInputStream {
        private long left;
        private long position;

        Pattern(long size) {
            this.left = size;
        }

        static long crc(long size) throws java.io.IOException {
            CRC32 crc = new CRC32();
            try (Pattern p = new Pattern(size)) {
                byte[] buf = new byte[64 * 1024];
                for (int r; (r = p.read(buf)) >= 0; ) {
                    crc.update(buf, 0, r);
                }
            }
            return crc.getValue();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((position + i) * 131 >>> 3);
            }
            position += n;
            left -= n;
            return n;
        }
    }
}
