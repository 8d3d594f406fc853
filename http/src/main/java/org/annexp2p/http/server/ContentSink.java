package org.annexp2p.http.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.annexp2p.repository.FileRegion;

/** Where a download's bytes go: a response whose headers announce the length, then its body. */
interface ContentSink {
    /** Sends the headers, {@code X-git-annex-data-length: length} among them; the body follows. */
    OutputStream begin(long length) throws IOException;

    /**
     * How the body takes a stretch of a file without the bytes passing through our heap (sendfile), after what
     * was written to it before; each send returns once its bytes are on the socket. Empty where the body cannot
     * (TLS: the bytes must pass through the cipher).
     */
    Optional<FileRegion.Sender> fileSender();

    /** Ends the body cleanly. */
    void end() throws IOException;
}
