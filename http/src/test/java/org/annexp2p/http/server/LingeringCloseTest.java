package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.junit.jupiter.api.Test;

/**
 * A PUT answered before its body is read (here refused: the server is read-only) must still reach its client with
 * the answer. Closing at once would make the body bytes still coming in reset the connection, and the reset throws
 * away the answer: the client saw a broken pipe instead (as InterruptedClientsTest's clients sometimes did).
 */
class LingeringCloseTest {
    private static final int SIZE = 4 * 1024 * 1024;

    @Test
    void aPutRefusedBeforeItsBodyArrivesGetsItsAnswerWhileTheClientFinishesSending() throws Exception {
        AuthPolicy readOnly = new AuthPolicy(Option.some(ServerMode.READ_ONLY), false, false, false, Users.none());
        try (ServerFixture f = new ServerFixture(new MemoryRepository(Uuid.random()), readOnly);
                Socket s = new Socket("127.0.0.1", f.server.address().getPort())) {
            s.setSoTimeout(30_000);
            Key key = Key.parse("WORM-s" + SIZE + "--lingering").get();
            String head = "POST " + f.path("v3", "put", "&key=" + ServerFixture.key(key)) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nX-git-annex-data-length: " + SIZE + "\r\nContent-Length: " + SIZE + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            // The answer comes before the body is sent; wait for it without reading it, as a busy client would.
            for (int i = 0; i < 6_000 && in.available() == 0; i++) {
                Thread.sleep(5);
            }
            assertThat(in.available()).as("the refusal arrived before the body").isPositive();
            byte[] chunk = new byte[64 * 1024];
            for (int sent = 0; sent < SIZE; sent += chunk.length) {
                out.write(chunk);
            }
            out.flush();
            assertThat(statusLine(in)).startsWith("HTTP/1.1 4");
        }
    }

    /** Lingering is bounded: a client that never stops sending after its refusal is cut off, not read forever. */
    @Test
    void aClientThatKeepsSendingAfterItsAnswerIsCutOff() throws Exception {
        AuthPolicy readOnly = new AuthPolicy(Option.some(ServerMode.READ_ONLY), false, false, false, Users.none());
        try (ServerFixture f = new ServerFixture(new MemoryRepository(Uuid.random()), readOnly);
                Socket s = new Socket("127.0.0.1", f.server.address().getPort())) {
            s.setSoTimeout(30_000);
            Key key = Key.parse("WORM-s" + Long.MAX_VALUE / 2 + "--endless").get();
            String head = "POST " + f.path("v3", "put", "&key=" + ServerFixture.key(key)) + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nX-git-annex-data-length: " + Long.MAX_VALUE / 2 + "\r\nContent-Length: "
                    + Long.MAX_VALUE / 2 + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            assertThat(statusLine(in)).startsWith("HTTP/1.1 4");
            byte[] chunk = new byte[64 * 1024];
            // Far above the linger time, and below the idle time (60 s) that would end the connection anyway.
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            boolean cut = false;
            while (!cut && System.nanoTime() < until) {
                try {
                    out.write(chunk);
                } catch (java.io.IOException e) {
                    cut = true;
                }
            }
            assertThat(cut).as("the server ended the connection while the client was still sending").isTrue();
        }
    }

    private static String statusLine(InputStream in) throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).trim();
    }
}
