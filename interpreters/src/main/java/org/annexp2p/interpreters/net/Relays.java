package org.annexp2p.interpreters.net;

import java.io.IOException;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Service;

/** How a connection relays git's smart protocol for CONNECT, on either side. */
public interface Relays {
    /** Server side: run {@code service} on our repository, relaying DATA both ways. */
    ExitCode serve(Service service, WireReader in, WireWriter out) throws IOException;

    /** Client side: relay between our local git and the peer until the peer's CONNECTDONE. */
    ExitCode relay(WireReader in, WireWriter out) throws IOException;

    /** For connections that do not relay (git-annex says the same for p2pstdio since 10.20240701). */
    Relays NONE = new Relays() {
        @Override
        public ExitCode serve(Service service, WireReader in, WireWriter out) throws IOException {
            throw new IOException("relaying to git not supported on this connection");
        }

        @Override
        public ExitCode relay(WireReader in, WireWriter out) throws IOException {
            throw new IOException("relaying to git not supported on this connection");
        }
    };
}
