package org.annexp2p.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/** Where a transfer's bytes sit until they are verified: a tmp file, a user's file, or memory. */
interface PartialCopy {
    long size() throws IOException;

    /** Cuts the copy to {@code offset} bytes and returns a stream that appends after them. */
    OutputStream appendAt(long offset) throws IOException;

    /** The bytes held so far, from the start. */
    InputStream read() throws IOException;

    /** Throws the copy away: its bytes are not the content. */
    void discard() throws IOException;

    /** Makes verified bytes the content (atomically, for the object store). */
    void complete() throws IOException;

    /**
     * {@code file}'s channel made ready for {@link #appendAt}: what lies past {@code offset} dropped, positioned
     * there. The channel is closed if that fails, since the caller never gets it.
     */
    static FileChannel appendingAt(FileChannel file, long offset) throws IOException {
        try {
            if (file.size() > offset) {
                file.truncate(offset);
            }
            file.position(offset);
            return file;
        } catch (IOException e) {
            file.close();
            throw e;
        }
    }
}
