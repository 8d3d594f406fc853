package org.annexp2p.web.transfers;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.DialedSession;
import org.annexp2p.session.PeerSession;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.plugin.Dialing;
import org.annexp2p.session.plugin.GivenToken;
import org.annexp2p.session.transfer.Download;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;
import org.annexp2p.web.peers.PeerList;

/**
 * Transfers: gets and puts the page starts (with a known peer, into or from the repository, through the same
 * {@link Download} or {@code Upload} and {@link DialedSession} as {@code annex-p2p get --repo} and {@code put --repo}) and those other processes run (git-annex's transfer
 * files), with live progress pushed {@value #TICKS_PER_SECOND} times a second while any runs
 * ({@code transfers.progress} {transfers}), and the recent ones ({@code transfers.finished} {transfer}).
 * <ul>
 *   <li>{@code GET /api/transfers/list}: {running, recent};</li>
 *   <li>{@code POST /api/transfers/get} {address, key}: starts a get, {id};</li>
 *   <li>{@code POST /api/transfers/put} {address, key}: starts a put of content the repository has, {id};</li>
 *   <li>{@code POST /api/transfers/cancel} {id}: ends it; what arrived stays out of the repository (a later get
 *       resumes from it), as when {@code get} is interrupted; the peer shows nothing of a cancelled put.</li>
 * </ul>
 */
public final class TransfersSection implements Section {
    static final int TICKS_PER_SECOND = 4;
    private static final int RECENT = 20;

    private final UiContext context;
    private final StandardPlugins.Settings plugins;
    private final GivenToken token;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, PageTransfer> running = new LinkedHashMap<>();
    private final Deque<TransferView> recent = new ArrayDeque<>();
    private final OtherTransferViews others = new OtherTransferViews(System::nanoTime);
    /** Where git-annex's transfer files are, once the repository could be opened. */
    private java.nio.file.Path annexDir;

    public TransfersSection(UiContext context, StandardPlugins.Settings plugins, GivenToken token) {
        this.context = context;
        this.plugins = plugins;
        this.token = token;
        context.jobs().onClose(this::cancelAll);
        context.background().scheduleAtFixedRate(this::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    @Override
    public String id() {
        return "transfers";
    }

    @Override
    public void register(Routes routes) {
        routes.get("list", call -> Reply.ok(Map.of("running", views(), "recent", recent())));
        routes.post("get", call -> Reply.accepted(Map.of("id", start(call.text("address"), call.text("key"),
                (repository, key) -> new PageGet(Download.of(repository, key, Optional.empty()))))));
        routes.post("put", call -> Reply.accepted(Map.of("id", start(call.text("address"), call.text("key"), PagePut::of))));
        routes.post("cancel", call -> {
            PageTransfer transfer;
            synchronized (this) {
                transfer = running.get(call.text("id"));
            }
            if (transfer == null) {
                throw new Refused(404, "That transfer is not running any more: see the recent activity.");
            }
            transfer.cancel();
            return Reply.accepted(Map.of("id", transfer.id));
        });
    }

    /** Each running get or put ends as its cancel button ends it: a get's partial download stays out of the repository. */
    private void cancelAll() {
        List<PageTransfer> all;
        synchronized (this) {
            all = List.copyOf(running.values());
        }
        all.forEach(PageTransfer::cancel);
    }

    private String start(String address, String keyText, Errands errands) throws IOException, Refused {
        AnnexRepository repository = context.repository();
        Key key = Key.parse(keyText).getOrElseThrow(why -> new Refused(400, "Not a git-annex key (" + why + "): copy it from 'git annex lookupkey FILE'."));
        if (PeerList.of(repository).stream().noneMatch(p -> p.address().equals(address) && p.dialable())) {
            throw new Refused(404, "That is not the address of one of this repository's peers: pick one from the list.");
        }
        Errand errand = errands.of(repository, key);
        PageTransfer transfer = new PageTransfer((errand instanceof PagePut ? "put-" : "get-") + ids.incrementAndGet(), errand.direction(),
                key.serialize(), address, key.size().getOrElse(-1L));
        synchronized (this) {
            running.put(transfer.id, transfer);
        }
        context.background().execute(() -> run(repository, errand, transfer));
        return transfer.id;
    }

    /** How a route makes its errand; a put is refused here when the content is not in the repository. */
    private interface Errands {
        Errand of(AnnexRepository repository, Key key) throws Refused;
    }

    private void run(AnnexRepository repository, Errand errand, PageTransfer transfer) {
        try {
            if (!errand.alreadyDone(transfer)) {
                Dialing dialing = new Dialing(repository, token, Optional.empty(), notice -> { }, false);
                try (DialedSession session = DialedSession.open(plugins, new DialedSession.Route.Address(transfer.peer), dialing,
                        PeerSession.Options.DEFAULT)) {
                    if (transfer.attach(session)) {
                        errand.run(session, transfer);
                    }
                }
            }
            transfer.state = transfer.cancelled() ? PageTransfer.State.CANCELLED : PageTransfer.State.DONE;
        } catch (Exception e) {
            transfer.state = transfer.cancelled() ? PageTransfer.State.CANCELLED : PageTransfer.State.FAILED;
            transfer.words = errand.failed(transfer.cancelled(), e);
        }
        finish(transfer.view());
        synchronized (this) {
            running.remove(transfer.id);
        }
    }

    private void finish(TransferView view) {
        synchronized (this) {
            recent.addFirst(view);
            while (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
        context.events().publish("transfers.finished", Map.of("transfer", view));
    }

    private synchronized List<TransferView> recent() {
        return List.copyOf(recent);
    }

    private List<TransferView> views() {
        List<TransferView> views = new ArrayList<>();
        synchronized (this) {
            running.values().forEach(t -> views.add(t.view()));
        }
        views.addAll(others());
        return views;
    }

    /** Other processes' transfers; one that was running at the last look and is gone has ended. */
    private synchronized List<TransferView> others() {
        if (annexDir == null) {
            try {
                annexDir = context.repository().annexDir();
            } catch (Refused e) {
                // Not a repository (yet): look where git-annex would put them rather than trying to open it 4 times a second.
                annexDir = context.settings().repository().resolve(".git").resolve("annex");
            }
        }
        OtherTransferViews.Look look = others.look(annexDir);
        look.ended().forEach(recent::addFirst);
        return look.running();
    }

    private boolean wasRunning;

    /** Progress while anything runs, and once more when the last one stops, so the page clears its bars. */
    private void tick() {
        try {
            List<TransferView> views = views();
            if (!views.isEmpty() || wasRunning) {
                context.events().publish("transfers.progress", Map.of("transfers", views));
            }
            wasRunning = !views.isEmpty();
        } catch (RuntimeException e) {
            // A failed look must not end the ticker: the next one tries again.
        }
    }

}
