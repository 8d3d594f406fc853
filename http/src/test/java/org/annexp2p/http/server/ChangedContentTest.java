package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Random;
import java.util.zip.CRC32;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.AnnexRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object changed while a GET sends it, as git-annex's client must see it: a file modified under the transfer
 * goes out one byte short of its X-git-annex-data-length (the protocol's INVALID), a file cut short ends the
 * response without its last chunk. The client reads a little, the object changes, the client reads the rest: the
 * object is far larger than the sockets' buffers, so the server cannot have sent it all before the change.
 */
class ChangedContentTest {
    private static final int SIZE = 32 << 20;
    private static final int FIRST = 1 << 20;

    @TempDir
    static Path tmp;
    private static AnnexRepository repository;
    private static ServerFixture f;

    @BeforeAll
    static void start() throws IOException {
        repository = AnnexRepository.create(tmp.resolve("repo"));
        f = new ServerFixture(repository, ServerFixture.wideOpen());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void anObjectModifiedWhileSentComesOneByteShort() throws Exception {
        Key key = Key.parse("WORM-s" + SIZE + "--modified.bin").get();
        long allButLast = store(key, 1);
        try (Socket s = get(key)) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertThat(head(in)).startsWith("http/1.1 200").contains("x-git-annex-data-length: " + SIZE);
            Body body = new Body(in);
            body.read(FIRST);
            Files.setLastModifiedTime(repository.objectPath(key), FileTime.fromMillis(0));
            body.read(Long.MAX_VALUE);
            assertThat(body.complete).as("the response ends as a whole one").isTrue();
            assertThat(body.count).isEqualTo(SIZE - 1);
            assertThat(body.crc.getValue()).as("the object's bytes but its last").isEqualTo(allButLast);
        }
    }

    @Test
    void anObjectCutShortWhileSentEndsTheResponseEarly() throws Exception {
        Key key = Key.parse("WORM-s" + SIZE + "--truncated.bin").get();
        store(key, 2);
        try (Socket s = get(key)) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertThat(head(in)).startsWith("http/1.1 200").contains("x-git-annex-data-length: " + SIZE);
            Body body = new Body(in);
            body.read(FIRST);
            try (FileChannel object = FileChannel.open(repository.objectPath(key), StandardOpenOption.WRITE)) {
                object.truncate(SIZE / 2);
            }
            body.read(Long.MAX_VALUE);
            assertThat(body.complete).as("the response is cut off, not ended").isFalse();
            assertThat(body.count).isLessThanOrEqualTo(SIZE / 2);
        }
    }

    /** Random content for {@code key}, written in pieces (the tests' heap is small); the CRC of all but its last byte. */
    private static long store(Key key, long seed) throws IOException {
        Random random = new Random(seed);
        CRC32 crc = new CRC32();
        Path object = repository.objectPath(key);
        Files.createDirectories(object.getParent());
        try (OutputStream out = Files.newOutputStream(object)) {
            byte[] piece = new byte[1 << 20];
            for (int done = 0; done < SIZE; done += piece.length) {
                random.nextBytes(piece);
                out.write(piece);
                crc.update(piece, 0, done + piece.length == SIZE ? piece.length - 1 : piece.length);
            }
        }
        return crc.getValue();
    }

    private static Socket get(Key key) throws IOException {
        Socket s = new Socket("127.0.0.1", f.server.address().getPort());
        s.setSoTimeout(60_000);
        s.getOutputStream().write(("GET " + f.path("v3", "key/" + ServerFixture.key(key), "")
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /** The response's head, lower-cased. */
    private static String head(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line; !(line = line(in)).isEmpty(); ) {
            head.append(line.toLowerCase(java.util.Locale.ROOT)).append('\n');
        }
        return head.toString();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("the connection ended within a line");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /**
     * A chunked body as it is read: how many bytes, their CRC, and whether it ended with its last chunk rather than
     * with the connection.
     */
    private static final class Body {
        private final DataInputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private long chunkLeft;
        private boolean ended;
        final CRC32 crc = new CRC32();
        long count;
        boolean complete;

        Body(DataInputStream in) {
            this.in = in;
        }

        /** Reads up to {@code max} more bytes of the body. */
        void read(long max) throws IOException {
            for (long got = 0; got < max && !ended; ) {
                if (chunkLeft == 0 && !nextChunk()) {
                    return;
                }
                int n;
                try {
                    n = in.read(buf, 0, (int) Math.min(Math.min(buf.length, chunkLeft), max - got));
                } catch (SocketException reset) {
                    n = -1;
                }
                if (n < 0) {
                    ended = true;
                    return;
                }
                crc.update(buf, 0, n);
                count += n;
                got += n;
                chunkLeft -= n;
            }
        }

        private boolean nextChunk() throws IOException {
            try {
                if (complete) {
                    return false;
                }
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in); // the CRLF that closes the chunk before
                }
                chunkLeft = Long.parseLong(size.trim(), 16);
                if (chunkLeft == 0) {
                    complete = line(in).isEmpty();
                    ended = true;
                    return false;
                }
                return true;
            } catch (EOFException | SocketException e) {
                ended = true;
                return false;
            }
        }
    }
}
