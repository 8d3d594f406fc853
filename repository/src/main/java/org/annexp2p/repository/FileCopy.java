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

/** A partial copy in a file: the tmp file of an object, or a file the user named. */
final class FileCopy implements PartialCopy {

    interface Completion {
        void run() throws IOException;
    }

    private final Path file;
    private final Completion completion;

    FileCopy(Path file, Completion completion) {
        this.file = file;
        this.completion = completion;
    }

    @Override
    public long size() throws IOException {
        return Files.isRegularFile(file) ? Files.size(file) : 0;
    }

    @Override
    public OutputStream appendAt(long offset) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (ch.size() > offset) {
                ch.truncate(offset);
            }
            ch.position(offset);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
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

    /** Flushes a file's bytes to the disk before it is renamed into place, so a crash cannot leave a torn object. */
}
