package org.annexp2p.session;

import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.transports.stdio.StdioConnection;

/**
 * A command that serves as {@code git-annex-shell p2pstdio} does (announcing itself, then the stdio server) on an
 * empty in-memory repository: what the exec fixture starts.
 */
public final class StdioServerProgram {
    private StdioServerProgram() {}

    public static void main(String[] args) {
        MemoryRepository repository = new MemoryRepository(Uuid.random());
        StreamNet net = StreamNet.over(StdioConnection.ofThisProcess(), AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
        Outcome<?> outcome;
        try (RepositoryLocal local = new RepositoryLocal(repository)) {
            outcome = new Full(net, local).run(Server.serveStdio(ServerMode.READ_WRITE, repository.uuid()));
        }
        System.exit(outcome instanceof Outcome.Failed<?> ? 1 : 0);
    }
}
