package org.annexp2p.http.server;

import io.vavr.collection.List;
import io.vavr.control.Either;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.local.RepositoryLocal;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.conversation.Server;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.Repository;
import org.annexp2p.transports.Connection;

/**
 * One HTTP request as a P2P conversation, as git-annex's own p2phttp does it: the repository's side is the
 * ordinary protocol server ({@link Server#serveStdio}, as git-annex-shell serves an ssh user who is already
 * authenticated) under the {@link Full} interpreter over a {@link RepositoryLocal}; the request's side runs the
 * ordinary client programs, whose Local instructions are the HTTP request and response (see {@link RequestSide}).
 * The two talk through an in-memory pipe, except that content sent to the request's side is lent to it by
 * reference ({@link PayloadLoan}).
 * It is opened only for a request whose credentials were accepted: nothing before that touches a repository.
 */
final class Conversation implements AutoCloseable {
    private final Connection connection;
    private final PayloadLoan loan;
    private final Net.Handler net;
    private final CompletableFuture<Void> served;

    private Conversation(Connection connection, PayloadLoan loan, CompletableFuture<Void> served) {
        this.connection = connection;
        this.loan = loan;
        this.served = served;
        this.net = loan.borrower(StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE));
    }

    /** Starts the repository's side on {@code threads} and agrees on {@code version}; Left when it would not serve. */
    static Either<String, Conversation> open(Pipes pipes, Executor threads, Repository repository, ServerMode mode,
            ProtocolVersion version, List<Uuid> bypass) throws IOException {
        Pipes.Pair pair = pipes.open();
        PayloadLoan loan = new PayloadLoan();
        CompletableFuture<Void> served = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                serve(pair.server(), loan, repository, mode);
            } finally {
                served.complete(null);
            }
        });
        Conversation c = new Conversation(pair.client(), loan, served);
        Either<String, Uuid> greeted = c.run(Client.awaitAuthSuccess(), RequestSide.NONE);
        if (greeted.isLeft()) {
            c.close();
            return Either.left(greeted.getLeft());
        }
        ProtocolVersion agreed = c.run(Client.negotiateVersion(version), RequestSide.NONE);
        if (!agreed.equals(version)) {
            c.close();
            return Either.left("the server agreed on " + agreed.format() + ", not " + version.format());
        }
        c.run(Client.bypass(bypass), RequestSide.NONE);
        return Either.right(c);
    }

    private static void serve(Connection connection, PayloadLoan loan, Repository repository, ServerMode mode) {
        try (connection; RepositoryLocal local = new RepositoryLocal(repository)) {
            StreamNet net = StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Transcript.NONE);
            new Full(loan.lender(net), local).run(Server.serveStdio(mode, repository.uuid()));
        }
    }

    /** Runs one client program, its Local instructions performed by {@code side}; fails if the run did not complete. */
    <A> A run(Program<A> program, Local.Handler side) throws IOException {
        Outcome<A> outcome = new Full(net, side).run(program);
        if (outcome instanceof Outcome.Completed<A> done) {
            return done.value();
        }
        close();
        throw new IOException(outcome instanceof Outcome.Failed<A> f ? f.reason() : "the repository's side ended");
    }

    /** Ends the conversation: the repository's side sees the peer hang up, and releases what it held. */
    @Override
    public void close() {
        loan.close();
        connection.close();
    }

    /**
     * Ends the conversation and waits (at most {@code bound}) until the repository's side has released what it
     * held, so that a caller told "unlocked" finds the lock gone, not merely on its way out.
     */
    void closeAndAwait(Duration bound) {
        close();
        try {
            served.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closed all the same; the repository's side releases when it next runs.
        }
    }
}
