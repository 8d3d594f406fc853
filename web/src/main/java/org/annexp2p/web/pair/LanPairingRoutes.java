package org.annexp2p.web.pair;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.lan.LanEndpoints.Scope;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.lan.LanMeeting;
import org.annexp2p.session.lan.LanPairingJob;
import org.annexp2p.session.lan.LanState;
import org.annexp2p.web.Call;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.UiContext;

/**
 * The pair section's LAN part, as {@code pair --lan} and through the same job ({@link LanPairingJob}): a phrase,
 * a QR code shown (image and text), the other device's text given, or discovery first with the devices nearby;
 * every state goes out as a {@code pair.lan} event. {@code ANNEX_P2P_LAN_LOOPBACK=1} keeps it on loopback and
 * {@code ANNEX_P2P_LAN_DISCOVERY_PORT} moves discovery (tests; as {@code --loopback}, {@code --discovery-port}).
 */
final class LanPairingRoutes {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final Duration DISCOVERY = Duration.ofSeconds(20);

    private final UiContext context;
    private final Scope scope;
    private final Object lock = new Object();
    private LanPairingJob job;

    LanPairingRoutes(UiContext context, Map<String, String> environment) {
        this.context = context;
        this.scope = new Scope("1".equals(environment.get("ANNEX_P2P_LAN_LOOPBACK")),
                Integer.parseInt(environment.getOrDefault("ANNEX_P2P_LAN_DISCOVERY_PORT", "" + DiscoveryGroups.PORT)),
                line -> { });
        context.jobs().onClose(this::cancel);
    }

    void register(Routes routes) {
        routes.get("lan-state", call -> Reply.ok(state()));
        routes.post("lan-start", this::start);
        routes.post("lan-payload", this::payload);
        routes.post("lan-cancel", call -> cancel());
    }

    private Map<String, Object> state() {
        synchronized (lock) {
            return job == null ? Map.of("state", "idle") : LanProgress.of(job.state());
        }
    }

    /** {@code way}: phrase (with {@code secret}), qr, payload (with {@code payload}) or find. */
    private Reply start(Call call) throws Refused {
        LanMeeting.Way way;
        try {
            way = switch (call.text("way")) {
                case "phrase" -> new LanMeeting.Way(nonBlank(call.text("secret"), "the secret phrase"), false, null, false, null, false);
                case "qr" -> new LanMeeting.Way(null, true, null, false, null, false);
                case "payload" -> new LanMeeting.Way(null, false, nonBlank(call.text("payload"), "the QR code's text"), false, null, false);
                case "find" -> new LanMeeting.Way(null, false, null, true, null, false);
                default -> throw new Refused(400, "choose a phrase, a QR code, its text, or find devices nearby");
            };
        } catch (IllegalArgumentException e) {
            throw new Refused(400, e.getMessage());
        }
        AnnexRepository repository;
        try {
            repository = AnnexRepository.open(context.settings().repository());
        } catch (IOException e) {
            throw new Refused(409, "Cannot open the repository " + context.settings().repository() + ": " + e.getMessage());
        }
        synchronized (lock) {
            if (job != null && !job.state().isFinal()) {
                throw new Refused(409, "A LAN pairing is already under way; finish or cancel it first.");
            }
            job = LanPairingJob.start(repository, way, scope, TIMEOUT, DISCOVERY,
                    state -> context.events().publish("pair.lan", LanProgress.of(state)));
        }
        return Reply.accepted(Map.of("started", true));
    }

    private Reply payload(Call call) throws Refused {
        String text = call.text("payload");
        synchronized (lock) {
            if (job == null || !(job.state() instanceof LanState.AskingForPayload) || !job.payload(text)) {
                throw new Refused(409, "Choose a device nearby first, then give the text under its QR code.");
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

    private static String nonBlank(String text, String what) throws Refused {
        if (text.isBlank()) {
            throw new Refused(400, "Type " + what + " first.");
        }
        return text;
    }
}
