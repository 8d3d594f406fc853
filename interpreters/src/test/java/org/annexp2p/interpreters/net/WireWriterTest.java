package org.annexp2p.interpreters.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.repository.FileRegion;
import org.annexp2p.transports.FileSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payloads that are file regions go through the connection's file sender (after what was buffered), others through the stream. */
class WireWriterTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final FileSender direct = FileSender.to(Channels.newChannel(wire));

    @TempDir
    Path dir;

    /** A region of a real file, handing at most {@code step} bytes per call to the sender, counting what went. */
    private final class Region extends ByteArrayInputStream implements FileRegion {
        final List<Long> transfers = new ArrayList<>();
        private final int step;
        private final FileChannel file;

        Region(byte[] bytes, int step) throws IOException {
            super(bytes);
            this.step = step;
            Path path = Files.write(dir.resolve("region-" + System.nanoTime()), bytes);
            this.file = FileChannel.open(path);
        }

        @Override
        public long sendWith(Sender sender, long max) throws IOException {
            int n = (int) Math.min(Math.min(max, step), count - pos);
            if (n <= 0) {
                return 0;
            }
            long went = sender.send(file, pos, n);
            pos += (int) went;
            transfers.add(went);
            return went;
        }
    }

    @Test
    void aFileRegionGoesDirectlyAfterTheBufferedLineWithProgress() throws IOException {
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(wire, 1 << 16);
        WireWriter writer = new WireWriter(buffered, Optional.of(direct));
        writer.send(new Message.Data(Len.of(5)));
        List<Long> progress = new ArrayList<>();
        Region region = new Region("hello".getBytes(), 2);
        writer.sendExactly(5, region, progress::add);
        assertThat(wire.toString()).isEqualTo("DATA 5\nhello");
        assertThat(region.transfers).containsExactly(2L, 2L, 1L);
        assertThat(progress).containsExactly(2L, 4L, 5L);
    }

    @Test
    void aRegionThatEndsEarlyIsAShortDataWrite() {
        WireWriter writer = new WireWriter(wire, Optional.of(direct));
        assertThatThrownBy(() -> writer.sendExactly(10, new Region("abc".getBytes(), 64), done -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("short data write").hasMessageContaining("7 bytes early");
    }

    @Test
    void withoutAFileSenderARegionIsCopiedThroughTheStream() throws IOException {
        WireWriter writer = new WireWriter(wire, Optional.empty());
        Region region = new Region("copied".getBytes(), 1);
        writer.sendExactly(6, region, done -> { });
        assertThat(wire.toString()).isEqualTo("copied");
        assertThat(region.transfers).isEmpty();
    }

    @Test
    void anOrdinaryStreamIsCopiedEvenWithAFileSender() throws IOException {
        WireWriter writer = new WireWriter(wire, Optional.of(direct));
        InputStream plain = new ByteArrayInputStream("plain".getBytes());
        writer.sendExactly(5, plain, done -> { });
        assertThat(wire.toString()).isEqualTo("plain");
    }
}
