package org.annexp2p.transports;

import java.io.IOException;

/**
 * What a {@link ConnectionHandler} tells its {@link ConnectionServer} about the peer's authentication. Until
 * {@link #authenticated()} succeeds the connection is one of the server's unauthenticated ones: it must finish
 * authenticating by the deadline (then the server closes it), and it holds none of the authenticated slots.
 */
public interface Admission {

    /**
     * The peer has proven who it is; call this before telling the peer so. True: the connection now holds an
     * authenticated slot and no deadline applies any more. False: it may not go on — every authenticated slot is
     * taken (the server has sent the peer its refusal and closed the connection) or the deadline passed — and the
     * handler must return without telling the peer it was accepted.
     */
    boolean authenticated();

    /**
     * The peer presented a wrong credential; call this before answering it. The server logs it (with the peer's
     * address, never the credential) and returns once the answer may go out: at once at first, later as failures
     * from the connection or its address repeat (see {@link FailureBackoff}).
     *
     * @throws IOException if the server closed the connection meanwhile (the deadline passed, shutdown), so there
     *     is no one left to answer; or if the thread is interrupted while it waits
     */
    void authenticationFailed() throws IOException;

    /**
     * True once the server itself has closed the connection (the deadline passed, no slot was free, shutdown):
     * reading or writing then fails, and that failure is not news worth logging.
     */
    boolean closedByServer();

    /**
     * Asks the server to hold the connection, authenticated and idle, without a thread. True: the server took it;
     * the handler must return at once without touching the connection, and the server calls {@link Parked#resume()}
     * once reading would not block (at once, on this thread after the handler returned, when bytes are already
     * there) or {@link Parked#abandon()} if it closes the connection first. False (the default, and for a
     * connection not authenticated): nothing changed, and the handler goes on serving as before.
     */
    default boolean park(Parked parked) {
        return false;
    }

    /** This admission, also running {@code then} once the peer has authenticated and been admitted. */
    default Admission whenAuthenticated(Runnable then) {
        Admission self = this;
        return new Admission() {
            @Override
            public boolean authenticated() {
                boolean admitted = self.authenticated();
                if (admitted) {
                    then.run();
                }
                return admitted;
            }

            @Override
            public void authenticationFailed() throws IOException {
                self.authenticationFailed();
            }

            @Override
            public boolean closedByServer() {
                return self.closedByServer();
            }

            @Override
            public boolean park(Parked parked) {
                return self.park(parked);
            }
        };
    }
}
