package org.annexp2p.session;

import io.vavr.control.Either;
import java.io.IOException;
import java.util.Optional;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.RepositoryLocal;
import org.annexp2p.session.plugin.Dialed;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.Greeting;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.session.plugin.TransportPlugins;
import org.annexp2p.transports.Connection;

/**
 * One conversation with a peer as a client: greet it as its plugin says (our token in AUTH, or wait for a
 * started command to announce itself), agree on a protocol version within the greeting's deadline, then run any
 * number of operations and return their results. Every client path (commands, the remote helper, links, the demo)
 * talks to peers through here, so the interpreters are assembled in this one place.
 */
public final class PeerSession implements AutoCloseable {

    /**
     * How the conversation runs.
     *
     * @param transcript where the --debug transcript goes
     * @param relays where CONNECT's git traffic goes (the remote helper's git), none otherwise
     * @param negotiateVersion false for the paths that stop at AUTH as git-annex's do (the remote helper, a link)
     */
    public record Options(Transcript transcript, Relays relays, boolean negotiateVersion) {
        public static final Options DEFAULT = new Options(Transcript.NONE, Relays.NONE, true);

        public Options withTranscript(Transcript t) {
            return new Options(t, relays, negotiateVersion);
        }

        /** AUTH only, then operations at protocol version 0, relaying git through {@code r}. */
        public Options authOnly(Relays r) {
            return new Options(transcript, r, false);
        }
    }

    private final Connection connection;
    private final Repository repository;
    private final StreamNet net;
    private Uuid peer;

    private PeerSession(Connection connection, Repository repository, Options options) {
        this.connection = connection;
        this.repository = repository;
        this.net = StreamNet.over(connection, AuthCheck.REFUSE_ALL, options.relays(), options.transcript());
    }

    /** Dials {@code address} through the plugin of its scheme and opens a session there. */
    public static PeerSession open(TransportPlugins plugins, String address, Dialing dialing, Options options)
            throws IOException {
        return open(plugins.dial(address, dialing), dialing.repository(), options);
    }

    /**
     * A session on a dialed peer once it has authenticated us (and agreed on a version); the connection is closed
     * if it did not.
     */
    public static PeerSession open(Dialed dialed, Repository repository, Options options) throws IOException {
        PeerSession s = new PeerSession(dialed.connection(), repository, options);
        try {
            s.greet(dialed, options.negotiateVersion());
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Under a deadline a watch closes the connection when it passes, which ends the wait for the peer's answer;
     * then the user reads that the peer did not answer, not that it hung up.
     */
    private void greet(Dialed dialed, boolean negotiate) throws IOException {
        Program<Either<String, Uuid>> auth = dialed.greeting() instanceof Greeting.Token t
                ? Client.auth(repository.uuid(), t.token())
                : Client.awaitAuthSuccess();
        Program<Either<String, Uuid>> greeting = !negotiate ? auth : auth.flatMap(a -> a.isLeft()
                ? Program.pure(a)
                : Client.negotiateVersion(ProtocolVersion.MAX).map(v -> a));
        Optional<HandshakeDeadline> deadline = dialed.deadline();
        Outcome<Either<String, Uuid>> outcome;
        if (deadline.isEmpty()) {
            outcome = interpret(greeting);
        } else {
            HandshakeDeadline.Watch watch = deadline.get().watch(connection);
            try (watch) {
                outcome = interpret(greeting);
            }
            if (watch.fired()) {
                throw deadline.get().missed(connection, dialed.overNetwork());
            }
        }
        Either<String, Uuid> greeted = result(outcome);
        if (greeted.isLeft()) {
            throw new PeerFailure(PeerFailure.Kind.REFUSED, connection.description(), greeted.getLeft());
        }
        peer = greeted.get();
    }

    /** Runs {@code operation} at the version agreed on; its Left (the peer's answer) is a {@link PeerFailure}. */
    public <A> A run(Program<Either<String, A>> operation) throws IOException {
        Either<String, A> answer = result(interpret(operation));
        if (answer.isLeft()) {
            throw new PeerFailure(PeerFailure.Kind.SAID, connection.description(), answer.getLeft());
        }
        return answer.get();
    }

    private <A> Outcome<A> interpret(Program<A> program) {
        try (RepositoryLocal local = new RepositoryLocal(repository)) {
            return new Full(net, local).run(program);
        }
    }

    private <A> A result(Outcome<A> outcome) throws PeerFailure {
        if (outcome instanceof Outcome.Completed<A> c) {
            return c.value();
        }
        if (outcome instanceof Outcome.Failed<?> f) {
            throw new PeerFailure(PeerFailure.Kind.BROKE, connection.description(), f.reason());
        }
        throw new PeerFailure(PeerFailure.Kind.CLOSED, connection.description(), "");
    }

    /** The UUID the peer authenticated with. */
    public Uuid peer() {
        return peer;
    }

    public Repository repository() {
        return repository;
    }

    /** The connection, for a caller that must cut it (the demo shows a resumed transfer). */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
    }
}
