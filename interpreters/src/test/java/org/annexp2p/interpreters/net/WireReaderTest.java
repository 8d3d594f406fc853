package org.annexp2p.interpreters.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.annexp2p.interpreters.PeerClosedException;
import org.junit.jupiter.api.Test;

class WireReaderTest {

    static WireReader reader(String s, int chunk) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        // Delivers at most `chunk` bytes per read, like a slow socket.
        InputStream in = new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, chunk));
            }
        };
        return new WireReader(in, 1024);
    }

    @Test
    void aLineOf32767BytesIsFineAndOneOf32768IsAProtocolError() throws IOException {
        String ok = "E".repeat(32767);
        assertThat(reader(ok + "\nX\n", 5000).readLine()).hasSize(32767);
        WireReader tooLong = reader("E".repeat(32768) + "\n", 100_000);
        assertThatThrownBy(tooLong::readLine).isInstanceOf(IOException.class).hasMessageContaining("protocol error");
        WireReader endless = reader("E".repeat(50_000), 3000);
        assertThatThrownBy(endless::readLine).hasMessageContaining("protocol error");
    }

    @Test
    void payloadBytesFollowTheirLineWithoutLossAndUnreadPayloadIsSkipped() throws IOException {
        WireReader r = reader("DATA 5\nhelloVALID\nDATA 3\nabcSUCCESS\n", 2);
        assertThat(new String(r.readLine(), StandardCharsets.US_ASCII)).isEqualTo("DATA 5");
        r.beginPayload(5);
        byte[] b = new byte[16];
        int n = 0;
        int got;
        while ((got = r.readPayload(b, n, b.length - n)) > 0) {
            n += got;
        }
        assertThat(new String(b, 0, n, StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(new String(r.readLine(), StandardCharsets.US_ASCII)).isEqualTo("VALID");
        assertThat(new String(r.readLine(), StandardCharsets.US_ASCII)).isEqualTo("DATA 3");
        r.beginPayload(3);
        assertThat(new String(r.readLine(), StandardCharsets.US_ASCII)).isEqualTo("SUCCESS");
        assertThatThrownBy(r::readLine).isInstanceOf(PeerClosedException.class);
    }

    @Test
    void theBufferStaysSmallForShortLinesAndPayloadsAndGrowsOnlyForALongLine() throws IOException {
        String payload = "P".repeat(200_000);
        WireReader r = new WireReader(new ByteArrayInputStream(("PUT  KEY\nDATA 200000\n" + payload + "VALID\n")
                .getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(r.readLine()).hasSize(8);
        assertThat(r.readLine()).hasSize(11);
        r.beginPayload(payload.length());
        byte[] b = new byte[64 * 1024];
        long read = 0;
        for (int n; (n = r.readPayload(b, 0, b.length)) > 0; ) {
            read += n;
        }
        assertThat(read).isEqualTo(payload.length());
        assertThat(new String(r.readLine(), StandardCharsets.US_ASCII)).isEqualTo("VALID");
        assertThat(r.bufferSize()).isEqualTo(WireReader.FIRST_SIZE);

        String longLine = "L".repeat(3 * WireReader.FIRST_SIZE);
        WireReader grows = reader(longLine + "\nNEXT\n", 1000);
        assertThat(new String(grows.readLine(), StandardCharsets.ISO_8859_1)).isEqualTo(longLine);
        assertThat(new String(grows.readLine(), StandardCharsets.US_ASCII)).isEqualTo("NEXT");
        assertThat(grows.bufferSize()).isGreaterThan(3 * WireReader.FIRST_SIZE);
    }
}
