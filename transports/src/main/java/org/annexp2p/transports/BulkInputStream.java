package org.annexp2p.transports;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream whose every read is its bulk read: a one-byte {@code read()} reads into a one-byte array. For
 * the streams (a bounded body, a pipe, a channel) where the bulk read holds all the logic, so a single-byte read
 * can never bypass what it checks or counts.
 */
public abstract class BulkInputStream extends InputStream {

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
