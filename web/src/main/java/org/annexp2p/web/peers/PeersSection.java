package org.annexp2p.web.peers;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;
import org.annexp2p.web.reach.Reach;

/**
 * The peers ({@link PeerList}), how each is reached, and whether it answered when last checked: "check now" runs a
 * real session with it (connect, authenticate with the token a command would use, agree on a version), bounded. What a
 * check found is kept for the page's life. Only an address of a known peer is ever dialed: the page cannot be
 * made to dial anything else.
 * <ul>
 *   <li>{@code GET /api/peers/list}: {peers: [{name, address, kind, source, dialable, last}]};</li>
 *   <li>{@code POST /api/peers/check} {address}: the {@link Reach.Result}, also sent as {@code peers.checked}.</li>
 * </ul>
 */
public final class PeersSection implements Section {
    record Shown(String name, String address, String kind, String source, boolean dialable, Reach.Result last,
            String lastReachable) {
    }

    private final UiContext context;
    private final Reach reach;
    private final GivenToken token;
    private final Map<String, Reach.Result> lastChecks = new ConcurrentHashMap<>();
    private final Map<String, String> lastReachable = new ConcurrentHashMap<>();

    /** {@code token}: what a command would show the peer, {@code GivenToken.of(null)} ($GIT_ANNEX_P2P_AUTHTOKEN, else the stored one). */
    public PeersSection(UiContext context, Reach reach, GivenToken token) {
        this.context = context;
        this.reach = reach;
        this.token = token;
    }

    @Override
    public String id() {
        return "peers";
    }

    @Override
    public void register(Routes routes) {
        routes.get("list", call -> Reply.ok(Map.of("peers", shown(PeerList.of(context.repository())))));
        routes.post("check", call -> Reply.ok(check(call.text("address"))));
    }

    private List<Shown> shown(List<PeerList.Known> peers) {
        return peers.stream().map(p -> new Shown(p.name(), p.address(), p.kind(), p.source(), p.dialable(),
                lastChecks.get(p.address()), lastReachable.get(p.address()))).toList();
    }

    private Reach.Result check(String address) throws IOException, Refused {
        AnnexRepository repository = context.repository();
        PeerList.Known peer = PeerList.of(repository).stream().filter(p -> p.address().equals(address)).findFirst()
                .orElseThrow(() -> new Refused(404, "That is not the address of one of this repository's peers: reload the page."));
        if (!peer.dialable()) {
            throw new Refused(400, "Remote " + peer.name() + " is reached by git, not by annex-p2p: 'git annex sync "
                    + peer.name() + "' checks it.");
        }
        Reach.Result result = reach.check(repository, address, token, Reach.BOUND);
        lastChecks.put(address, result);
        if (result.reachable()) {
            lastReachable.put(address, result.at());
        }
        context.events().publish("peers.checked", Map.of("result", result));
        return result;
    }

}
