package org.annexp2p.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialCopyTest {

    @TempDir
    Path dir;

    private byte[] appendedAt(String before, long offset, String appended) throws IOException {
        Path file = dir.resolve("partial");
        Files.writeString(file, before);
        try (FileChannel ch = PartialCopy.appendingAt(FileChannel.open(file, StandardOpenOption.WRITE), offset)) {
            ch.write(ByteBuffer.wrap(appended.getBytes(StandardCharsets.US_ASCII)));
        }
        return Files.readAllBytes(file);
    }

    @Test
    void whatLiesPastTheOffsetIsDroppedBeforeAppending() throws IOException {
        assertArrayEquals("abcXY".getBytes(StandardCharsets.US_ASCII), appendedAt("abcdefgh", 3, "XY"));
        assertArrayEquals("XY".getBytes(StandardCharsets.US_ASCII), appendedAt("abcdefgh", 0, "XY"));
    }

    @Test
    void atTheEndNothingIsDropped() throws IOException {
        assertArrayEquals("abcXY".getBytes(StandardCharsets.US_ASCII), appendedAt("abc", 3, "XY"));
    }
}
