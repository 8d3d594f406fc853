package org.annexp2p.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
}
