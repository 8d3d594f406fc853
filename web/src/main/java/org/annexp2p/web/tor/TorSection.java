package org.annexp2p.web.tor;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.SharedAddresses;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.tor.OnionPublishing;
import org.annexp2p.session.tor.OnionRevocation;
import org.annexp2p.session.tor.PublishEvent;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.web.Call;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;

/**
 * Making the repository reachable over Tor, as {@code enable-tor} does and through the same call
 * ({@link OnionPublishing}): start (a running tor or a private one), its progress as {@code tor.progress} events,
 * cancel, revoke ({@link OnionRevocation}), the address and its QR code. The address with a token for a peer
 * ({@code p2p --gen-addresses}'s) is made only when the person asks for it, and only ever sent in that reply.
 */
public final class TorSection implements Section {
    /** As long as {@code enable-tor} waits by default. */
    static final Duration TIMEOUT = Duration.ofSeconds(300);

    private final UiContext context;
    private final Object lock = new Object();
    private OnionPublishing running;
    private Map<String, Object> lastProgress = Map.of("step", "idle");

    public TorSection(UiContext context) {
        this.context = context;
        context.jobs().onClose(this::cancel);
    }

    @Override
    public String id() {
        return "tor";
    }

    @Override
    public void register(Routes routes) {
        routes.get("state", call -> Reply.ok(state()));
        routes.post("start", this::start);
        routes.post("cancel", call -> cancel());
        routes.post("revoke", call -> revoke());
        routes.post("share", call -> share());
    }

    private Map<String, Object> state() throws IOException, Refused {
        Map<String, Object> state = new LinkedHashMap<>();
        Optional<String> address = onion(repository()).published().map(TorAnnexAddress::format);
        state.put("address", address.orElse(null));
        state.put("qr", address.map(QrImage::dataUrl).orElse(null));
        synchronized (lock) {
            state.put("running", running != null);
            state.put("progress", lastProgress);
        }
        return state;
    }

    private Reply start(Call call) throws Exception {
        AnnexRepository repository = repository();
        RepositoryOnion onion = onion(repository);
        String control = call.body().hasNonNull("control") ? call.body().get("control").asText() : null;
        OnionPublishing publishing = new OnionPublishing(repository, onion,
                TorWay.options(call.text("tor"), control, onion.torStateDir()), TIMEOUT, this::tell);
        synchronized (lock) {
            if (running != null) {
                throw new Refused(409, "Tor is already starting; wait for it or cancel it first.");
            }
            running = publishing;
        }
        // its own thread: a publication may take minutes, and the shared background pool is small
        Thread thread = new Thread(() -> {
            try {
                publishing.run();
            } catch (Exception e) {
                // told as a Failed event already; the page shows its words
            } finally {
                synchronized (lock) {
                    if (running == publishing) {
                        running = null;
                    }
                }
            }
        }, "tor-publishing");
        thread.setDaemon(true);
        thread.start();
        return Reply.accepted(Map.of("started", true));
    }

    private Reply cancel() {
        synchronized (lock) {
            if (running != null) {
                running.cancel();
            }
        }
        return Reply.ok(Map.of("cancelled", true));
    }

    private Reply revoke() throws IOException, Refused {
        synchronized (lock) {
            if (running != null) {
                throw new Refused(409, "Tor is starting; cancel it before revoking the address.");
            }
        }
        AnnexRepository repository = repository();
        Optional<String> revoked = OnionRevocation.revoke(repository.creds(), onion(repository));
        tell(Map.of("step", "revoked"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("revoked", revoked.orElse(null));
        return Reply.ok(answer);
    }

    /** A fresh token with each address, accepted from now on: what {@code p2p --gen-addresses} prints. */
    private Reply share() throws IOException, Refused {
        List<String> shared = SharedAddresses.withFreshTokens(repository().creds(), new TokenGenerator());
        if (shared.isEmpty()) {
            throw new Refused(409, "This repository has no address yet: make it reachable over Tor first.");
        }
        return Reply.ok(Map.of("addresses", shared));
    }

    private void tell(PublishEvent event) {
        if (event instanceof PublishEvent.Reachable || event instanceof PublishEvent.Failed) {
            // ended before the page hears it, so a page reloading its state on this event sees it ended
            synchronized (lock) {
                running = null;
            }
        }
        OnionProgress.of(event).ifPresent(this::tell);
    }

    private void tell(Map<String, Object> fields) {
        synchronized (lock) {
            lastProgress = Map.copyOf(fields);
        }
        context.events().publish("tor.progress", fields);
    }

    private AnnexRepository repository() throws Refused {
        try {
            return AnnexRepository.open(context.settings().repository());
        } catch (IOException e) {
            throw new Refused(409, "Cannot open the repository " + context.settings().repository() + ": " + e.getMessage());
        }
    }

    private static RepositoryOnion onion(AnnexRepository repository) {
        return RepositoryOnion.of(repository.annexDir(), repository.creds());
    }
}
