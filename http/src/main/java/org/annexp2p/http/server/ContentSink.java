package org.annexp2p.http.server;

import java.io.IOException;
import java.io.OutputStream;

/** Where a download's bytes go: a response whose headers announce the length, then its body. */
interface ContentSink {
    /** Sends the headers, {@code X-git-annex-data-length: length} among them; the body follows. */
    OutputStream begin(long length) throws IOException;

    /** Ends the body cleanly. */
    void end() throws IOException;
}
