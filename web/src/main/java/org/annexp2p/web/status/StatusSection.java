package org.annexp2p.web.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;
import org.annexp2p.web.reach.Reach;

/**
 * The repository at a glance: its path, UUID and description, the addresses it gives peers (its {@code p2paddrs},
 * as {@code p2p --gen-addresses} reads them) and, on request, whether each answers right now — a real session
 * through the same plugins a peer's {@code get} would use, authenticated with a token this repository accepts.
 * <ul>
 *   <li>{@code GET /api/status/summary}: {repository, uuid, description, served: [{address, kind}], tokens};</li>
 *   <li>{@code POST /api/status/check}: {results: [Reach.Result]} (each bounded by {@link Reach#BOUND}).</li>
 *   <li>{@code GET /api/status/running}: {ways: [ServedWays.Row]}, what running servers serve now;</li>
 *   <li>{@code POST /api/status/check-way} {address}: a Reach.Result for one of those ways, 404 for any other.</li>
 * </ul>
 */
public final class StatusSection implements Section {
    record Served(String address, String kind) {
    }

    record Summary(String repository, String uuid, String description, List<Served> served, int tokens) {
    }

    private final UiContext context;
    private final Reach reach;
    private final ServedWays running;

    public StatusSection(UiContext context, Reach reach) {
        this.context = context;
        this.reach = reach;
        this.running = new ServedWays(reach);
    }

    @Override
    public String id() {
        return "status";
    }

    @Override
    public void register(Routes routes) {
        routes.get("summary", call -> Reply.ok(summary(context.repository())));
        routes.post("check", call -> Reply.ok(Map.of("results", check(context.repository()))));
        routes.get("running", call -> Reply.ok(Map.of("ways", ServedWays.rows(context.repository()))));
        routes.post("check-way", call -> Reply.ok(running.check(context.repository(), call.text("address"))));
    }


    private static Summary summary(AnnexRepository repository) throws IOException {
        List<Served> served = repository.creds().ownAddresses().stream().map(a -> new Served(a, Reach.kind(a))).toList();
        return new Summary(repository.top().toString(), repository.uuid().value(), repository.description().orElse(""), served,
                repository.creds().acceptedTokens().size());
    }

    private List<Reach.Result> check(AnnexRepository repository) throws IOException, Refused {
        List<String> addresses = repository.creds().ownAddresses();
        List<AuthToken> tokens = repository.creds().acceptedTokens();
        if (tokens.isEmpty()) {
            throw new Refused(409, "No peer can authenticate yet, so no check can: run 'annex-p2p token --repo "
                    + repository.top() + "' first.");
        }
        GivenToken ours = GivenToken.exactly(tokens.get(0));
        List<CompletableFuture<Reach.Result>> running = new ArrayList<>();
        for (String address : addresses) {
            running.add(CompletableFuture.supplyAsync(() -> reach.check(repository, address, ours, Reach.BOUND), context.background()));
        }
        List<Reach.Result> results = running.stream().map(CompletableFuture::join).toList();
        context.events().publish("status.checked", Map.of("results", results));
        return results;
    }
}
