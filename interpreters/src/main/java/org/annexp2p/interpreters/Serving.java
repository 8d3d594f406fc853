package org.annexp2p.interpreters;

import io.vavr.control.Option;
import java.io.IOException;
import java.util.List;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.TokenHiding;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.Repository;
import org.annexp2p.transports.Admission;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.ConnectionHandler;

/**
 * Serves a repository to peers that must authenticate (TCP, Tor, unix sockets), as git-annex's remote daemon
 * does: {@link Server#serveAuth} under the {@link Unauthenticated} interpreter — which has no repository —
 * and, only once a token was accepted, {@link Server#serveAuthed} under the {@link Full} one.
 *
 * <p>The connection server is told of every token checked (see {@link Admission}): a good one moves the connection
 * to an authenticated slot before AUTH-SUCCESS is sent — or, with every slot taken, gets the server's refusal in
 * its place; a wrong one is logged and its AUTH-FAILURE held back as failures repeat.
 */
public final class Serving implements ConnectionHandler {
    /**
     * Looked up on first use, not when the class loads: finding the logging backend scans every jar on the class
     * path, which alone costs p2pstdio about as much start-up time as the bare JVM.
     */
    private static final class Log {
        static final System.Logger LOG = System.getLogger("annexp2p.serve");
    }

    /** The tokens accepted right now; read for every connection, so new tokens work without a restart. */
    @FunctionalInterface
    public interface AcceptedTokens {
        List<AuthToken> load() throws IOException;
    }

    private final Repository repository;
    private final ServerMode mode;
    private final AcceptedTokens tokens;
    private final Relays relays;
    private final Transcript transcript;

    public Serving(Repository repository, ServerMode mode, AcceptedTokens tokens, Relays relays, Transcript transcript) {
        this.repository = repository;
        this.mode = mode;
        this.tokens = tokens;
        this.relays = relays;
        this.transcript = transcript;
    }

    @Override
    public void handle(Connection connection, Admission admission) throws IOException {
        List<AuthToken> accepted = tokens.load();
        AuthCheck check = (uuid, token) -> {
            if (!token.isEmpty() && token.isAllowedBy(accepted)) {
                if (!admission.authenticated()) {
                    throw new IOException("authenticated, but not admitted");
                }
                return true;
            }
            admission.authenticationFailed();
            return false;
        };
        StreamNet net = StreamNet.over(connection, check, relays, transcript, new TokenHiding(accepted));
        Uuid me = repository.uuid();
        Outcome<Option<Uuid>> auth = new Unauthenticated(net).run(Server.serveAuth(me));
        if (!(auth instanceof Outcome.Completed<Option<Uuid>> c) || c.value().isEmpty()) {
            // The server logged why it closed the connection; the failure that followed is only its echo.
            if (!admission.closedByServer()) {
                log(connection, auth);
            }
            return;
        }
        Log.LOG.log(System.Logger.Level.DEBUG, () -> connection.description() + ": authenticated " + c.value().get());
        // Authenticated peers may wait for ref changes (NOTIFYCHANGE), as git-annex's remote daemon offers; a
        // peer that hangs up meanwhile ends the wait, or its thread and connection slot would wait on.
        RepositoryLocal local = RepositoryLocal.withChangeNotification(repository, net.hangUpWatch());
        // Between requests the conversation waits without a thread where the server can hold it (parked).
        IdleParking.serve(Server.serveAuthed(mode, me), connection, admission, net, local);
    }

    static void log(Connection connection, Outcome<?> outcome) {
        if (outcome instanceof Outcome.Failed<?> f) {
            Log.LOG.log(System.Logger.Level.WARNING, connection.description() + ": " + f.reason());
        }
    }
}
