package org.annexp2p.web.pair;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.pair.LinkRounds;
import org.annexp2p.session.pair.PairState;
import org.annexp2p.session.pair.PairingJob;
import org.annexp2p.session.pair.PairingWormhole;
import org.annexp2p.session.pair.WormholePairing;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.web.Call;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;
import org.annexp2p.wormhole.Wormhole;

/**
 * Pairing with a code, as {@code pair} and git-annex's {@code p2p --pair} do and through the same flow
 * ({@link PairingJob} over {@link WormholePairing}): start allocates our code, the other side's code is given,
 * every state goes out as a {@code pair.state} event; cancel; nothing is saved unless linked. Pairing on the LAN
 * is its other part ({@link LanPairingRoutes}).
 */
public final class PairSection implements Section {
    /** git-annex's rounds over the other side's addresses while it finishes. */
    static final int LINK_ROUNDS = 100;

    private final UiContext context;
    private final Map<String, String> environment;
    private final Object lock = new Object();
    private final LanPairingRoutes lan;
    private PairingJob job;

    public PairSection(UiContext context) {
        this(context, System.getenv());
    }

    PairSection(UiContext context, Map<String, String> environment) {
        this.context = context;
        this.environment = Map.copyOf(environment);
        this.lan = new LanPairingRoutes(context, this.environment);
        context.jobs().onClose(this::cancel);
    }

    @Override
    public String id() {
        return "pair";
    }

    @Override
    public void register(Routes routes) {
        routes.get("state", call -> Reply.ok(state()));
        routes.post("start", call -> start());
        routes.post("code", this::theirCode);
        routes.post("cancel", call -> cancel());
        lan.register(routes);
    }

    private Map<String, Object> state() {
        synchronized (lock) {
            return job == null ? Map.of("state", "idle") : PairProgress.of(job.state());
        }
    }

    private Reply start() throws Exception {
        AnnexRepository repository;
        try {
            repository = AnnexRepository.open(context.settings().repository());
            WormholePairing.ours(repository.creds());
        } catch (IOException e) {
            throw new Refused(409, e.getMessage().replace("run `annex-p2p enable-tor` first", "make it reachable over Tor first"));
        }
        Wormhole wormhole = new Wormhole(WormholeServers.options(environment));
        synchronized (lock) {
            if (job != null && !job.state().isFinal()) {
                throw new Refused(409, "A pairing is already under way; finish or cancel it first.");
            }
            // the job's own plugins (Tor's SOCKS port from $ANNEX_P2P_TOR_SOCKS, as pair's), closed when it ends
            StandardPlugins plugins = StandardPlugins.of(new StandardPlugins.Settings(null, DiscoveryGroups.PORT));
            job = PairingJob.start(repository.creds(), PairingWormhole.over(wormhole),
                    WormholePairing.Link.through(repository, plugins.addresses(), Optional.empty(), Transcript.NONE, false),
                    new LinkRounds(LINK_ROUNDS), state -> tell(state, plugins));
        }
        return Reply.accepted(Map.of("started", true));
    }

    private Reply theirCode(Call call) throws Refused {
        String code = call.text("code");
        synchronized (lock) {
            if (job == null || !(job.state() instanceof PairState.CodeAllocated)) {
                throw new Refused(409, "Press start first and wait for this repository's code.");
            }
            if (!job.theirCode(code)) {
                throw new Refused(400, "Type the other repository's code, for example 7-guitarist-revenge.");
            }
        }
        return Reply.ok(Map.of("taken", true));
    }

    private Reply cancel() {
        synchronized (lock) {
            if (job != null) {
                job.cancel();
            }
        }
        return Reply.ok(Map.of("cancelled", true));
    }

    private void tell(PairState state, StandardPlugins plugins) {
        context.events().publish("pair.state", PairProgress.of(state));
        if (state.isFinal()) {
            plugins.close();
        }
    }
}
