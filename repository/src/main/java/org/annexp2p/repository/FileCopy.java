package org.annexp2p.repository;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A partial copy in the tmp file of an object. */
final class FileCopy implements PartialCopy {

    interface Completion {
        void run() throws IOException;
    }

    private final Path file;
    private final Completion completion;

    private FileCopy(Path file, Completion completion) {
        this.file = file;
        this.completion = completion;
    }

    /** A copy that {@code completion} fsyncs and moves into place: large ones are flushed early as they grow. */
    static FileCopy durable(Path file, Completion completion) {
        return new FileCopy(file, completion);
    }

    @Override
    public long size() throws IOException {
        return Files.isRegularFile(file) ? Files.size(file) : 0;
    }

    @Override
    public OutputStream appendAt(long offset) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = PartialCopy.appendingAt(
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE), offset);
        OutputStream out = Channels.newOutputStream(ch);
        return new BufferedOutputStream(new WritebackStream(out, file), 64 * 1024);
    }

    @Override
    public InputStream read() throws IOException {
        return Files.isRegularFile(file) ? Files.newInputStream(file) : InputStream.nullInputStream();
    }

    @Override
    public void discard() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void complete() throws IOException {
        completion.run();
    }
}
