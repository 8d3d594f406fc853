package org.annexp2p.http.server;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.annexp2p.http.wire.AnnexRequest;
import org.annexp2p.http.wire.Refusal;
import org.annexp2p.http.wire.RequestParser;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.Repository;

/**
 * What happens to a request, in order: its line is parsed, its repository found, its credentials weighed against
 * what it asks — and only then, allowed, does it reach {@link Operations} and a repository. Runs on a worker thread.
 */
final class Requests {
    private static final System.Logger LOG = System.getLogger("annexp2p.p2phttp");

    /** What the event loop hands over: never the password itself in anything that is logged. */
    record Incoming(String method, String uri, Option<String> dataLength, Option<String> authorization, boolean secure) {
        /** For logs: the client chose these characters, so anything a terminal would obey is shown as '?'. */
        @Override
        public String toString() {
            return (method + " " + uri).replaceAll("[^\\x20-\\x7e]", "?");
        }
    }

    private final ServedRepositories repositories;
    private final AuthPolicy policy;
    private final Operations operations;

    Requests(ServedRepositories repositories, AuthPolicy policy, Operations operations) {
        this.repositories = repositories;
        this.policy = policy;
        this.operations = operations;
    }

    void handle(Incoming in, RequestBody body, Responder out) {
        try {
            Either<Refusal, AnnexRequest> parsed = RequestParser.parse(in.method(), in.uri(), in.dataLength());
            if (parsed.isLeft()) {
                out.refuse(parsed.getLeft());
                return;
            }
            AnnexRequest request = parsed.get();
            Option<Repository> repository = repositories.find(request.server());
            if (repository.isEmpty()) {
                out.refuse(Refusal.notFound());
                return;
            }
            Either<Refusal, ServerMode> mode = policy.grant(in.secure(), in.authorization()).allow(request.operation().access());
            if (mode.isLeft()) {
                out.refuse(mode.getLeft());
                return;
            }
            operations.serve(request, repository.get(), mode.get(), body, out);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, in + ": " + e.getMessage());
            if (!out.responded()) {
                out.refuse(new Refusal(500, "the request failed"));
            } else {
                out.abort();
            }
        } finally {
            body.served();
        }
    }
}
