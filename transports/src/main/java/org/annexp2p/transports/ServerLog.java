package org.annexp2p.transports;

/**
 * The connection server's log, under {@link ConnectionServer}'s name whichever of its classes writes. Looked up on
 * first use, not when the class loads: finding the logging backend scans every jar on the class path, which alone
 * costs p2pstdio about as much start-up time as the bare JVM.
 */
final class ServerLog {
    static final System.Logger LOG = System.getLogger(ConnectionServer.class.getName());

    private ServerLog() {
    }
}
