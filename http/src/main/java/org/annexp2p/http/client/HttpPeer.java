package org.annexp2p.http.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.memory.MemoryNetwork;

/**
 * A repository behind a p2phttp server as a peer like any other: a connection to the ordinary protocol server,
 * run on its own thread in this process, whose repository is {@link HttpRepository}. It announces itself (as
 * {@code git-annex-shell p2pstdio} does) with the server's UUID; the HTTP server decides what it may do. Why the
 * conversation broke on the HTTP side (a refusal, a body that lied) is what the client reads when its connection
 * ends, instead of a bare hang-up. Closing the connection waits (a bounded while) for that thread to finish what the
 * client last sent: an unlock has no answer in the protocol, so the client is done at once, while its release over
 * HTTP is still under way; a process that then exits would leave the server holding the lock for its 10 minutes.
 */
public final class HttpPeer {
    private HttpPeer() {}

    /** The connection to the repository {@code server} behind {@code client}, named {@code description}. */
    public static Connection open(P2pHttpClient client, Uuid server, String description) throws IOException {
        MemoryNetwork network = new MemoryNetwork();
        Connection ours;
        Connection theirs;
        try (Listener listener = network.listen("p2phttp")) {
            ours = network.dial("p2phttp", Duration.ZERO);
            theirs = listener.accept();
        }
        AtomicReference<String> failure = new AtomicReference<>();
        Thread t = new Thread(() -> serve(theirs, client, server, failure), "annex+http " + description);
        t.setDaemon(true);
        t.start();
        return new ReportingConnection(ours, failure, description, () -> finish(t, client.silence().answer().plusSeconds(10)));
    }

    /** Waits for the repository's side: at most an unlock's own wait for its answer, and a margin. */
    private static void finish(Thread serving, Duration longest) {
        try {
            serving.join(longest.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serve(Connection connection, P2pHttpClient client, Uuid server, AtomicReference<String> failure) {
        try (connection; HttpRepository repository = new HttpRepository(client)) {
            StreamNet pipe = StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
            Outcome<?> outcome = new Full(new ServerSideNet(pipe, repository), repository)
                    .run(Server.serveStdio(ServerMode.READ_WRITE, server));
            if (outcome instanceof Outcome.Failed<?> f) {
                failure.set(f.reason());
            }
        }
    }
}
