package org.annexp2p.session.lan;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.annexp2p.pairing.discovery.Heard;
import org.annexp2p.pairing.lan.Conversation;
import org.annexp2p.pairing.lan.LanEndpoints;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.qr.InvalidPayloadException;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.protocol.wire.ShownText;
import org.annexp2p.repository.AnnexRepository;

/**
 * {@code pair --lan} on its own thread, for a front end that cannot block (the web page): the same meeting
 * ({@link LanMeeting}) and pairing ({@link LanPairingFlow}), each step a {@link LanState}. The text under the other
 * device's QR code, when discovery first asks for it, is given with {@link #payload}; {@link #cancel} stops it.
 * Nothing is saved unless paired.
 */
public final class LanPairingJob {
    private static final LanState.Failed CANCELLED = new LanState.Failed("cancelled", "nothing was saved");

    private final CompletableFuture<String> payload = new CompletableFuture<>();
    private final Consumer<LanState> listener;
    private final Object lock = new Object();
    private final Thread thread;
    private volatile LanState state = new LanState.Starting();
    private volatile boolean cancelled;
    private LanEndpoints ends;

    private LanPairingJob(AnnexRepository repository, LanMeeting.Way way, LanEndpoints.Scope scope, Duration timeout,
            Duration discoveryTimeout, Consumer<LanState> listener) {
        this.listener = listener;
        this.thread = new Thread(() -> run(repository, way, scope, timeout, discoveryTimeout), "lan-pairing");
        thread.setDaemon(true);
    }

    /** Starts pairing {@code repository} the {@code way} chosen, within {@code scope} (loopback for tests). */
    public static LanPairingJob start(AnnexRepository repository, LanMeeting.Way way, LanEndpoints.Scope scope,
            Duration timeout, Duration discoveryTimeout, Consumer<LanState> listener) {
        LanPairingJob job = new LanPairingJob(repository, way, scope, timeout, discoveryTimeout, listener);
        job.thread.start();
        return job;
    }

    public LanState state() {
        return state;
    }

    /** The text under the other device's QR code, when asked for; only the first counts. Whether it was taken. */
    public boolean payload(String text) {
        return text != null && !text.isBlank() && payload.complete(text.trim());
    }

    /** Stops wherever it is: the endpoints close, so every wait ends; nothing is saved. */
    public void cancel() {
        closeForCancel();
        thread.interrupt();
    }

    /**
     * Cancel up to its interrupt: marked cancelled, the endpoints closed. The step under way may then end on the
     * closed endpoint before the interrupt comes (the cancelling thread descheduled in between), and reports that
     * as its failure; the job still ends cancelled. Package-private for the test that stops here.
     */
    void closeForCancel() {
        cancelled = true;
        payload.cancel(false);
        synchronized (lock) {
            if (ends != null) {
                ends.close();
            }
        }
    }

    public LanState await() throws InterruptedException {
        thread.join();
        return state;
    }

    private void run(AnnexRepository repository, LanMeeting.Way way, LanEndpoints.Scope scope, Duration timeout,
            Duration discoveryTimeout) {
        try (LanEndpoints opened = LanEndpoints.open(LanIdentity.loadOrGenerate(repository.creds(), "annex-p2p "
                + repository.uuid()), 0, 0, scope); LanPairingFlow flow = new LanPairingFlow(repository, opened)) {
            synchronized (lock) {
                ends = opened;
            }
            if (cancelled) {
                throw new InterruptedException();
            }
            Optional<Conversation> met = new LanMeeting(opened, new Screen()).meet(way, timeout, discoveryTimeout);
            if (met.isEmpty()) {
                tell(new LanState.Failed("the devices did not meet", "try again, or show a QR code on one device"));
                return;
            }
            tell(new LanState.Pairing());
            LanPairingFlow.Outcome outcome = flow.pair(met.get(), timeout);
            if (outcome instanceof LanPairingFlow.Outcome.Failed f) {
                tell(new LanState.Failed(f.reason(), f.advice()));
                return;
            }
            LanPairingFlow.Outcome.Paired p = (LanPairingFlow.Outcome.Paired) outcome;
            // the other device chose all of these words
            tell(new LanState.Paired(ShownText.of(p.peer().repositoryUuid()), ShownText.of(p.peer().where()), p.peerKey().hex()));
            // it saves its side once it has linked back to us: keep our server up for that
            flow.awaitLinkBack();
        } catch (Exception e) {
            tell(new LanState.Failed(e.getMessage() == null ? "pairing stopped" : e.getMessage(), "try again"));
        }
    }

    private void tell(LanState next) {
        // Once cancelled, a failure is the cancel's, however the step under way saw it (an endpoint closed under it,
        // an interrupted wait): the person pressed cancel and is told so, not "UDP endpoint ... is closed".
        LanState told = cancelled && next instanceof LanState.Failed ? CANCELLED : next;
        if (!state.isFinal()) {
            state = told;
            listener.accept(told);
        }
    }

    /** The meeting's screen as states; the one question, the QR code's text, waits for {@link #payload}. */
    private final class Screen implements LanMeeting.Screen {
        @Override
        public void heard(List<Heard> devices) {
            tell(new LanState.Nearby(devices.stream().map(h -> new LanState.Device(h.from().getAddress().getHostAddress(),
                    ShownText.of(String.valueOf(h.announcement().device())))).toList()));
        }

        @Override
        public void confirmed(InetAddress address, KeyFingerprint key) {
            tell(new LanState.Confirmed(address.getHostAddress()));
        }

        @Override
        public void fallingBack(String why) {
            tell(new LanState.Looking(ShownText.of(why) + "; trying the addresses in the QR code", 0));
        }

        @Override
        public void showQr(LanEndpoints.QrOffer offer, Duration timeout) {
            tell(new LanState.ShowingQr(offer.text(), offer.findable()));
        }

        @Override
        public Optional<String> askForPayload() {
            tell(new LanState.AskingForPayload());
            try {
                return Optional.ofNullable(payload.get());
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        @Override
        public void notAPayload(InvalidPayloadException why, boolean typed) {
            tell(new LanState.Failed("that is not a pairing payload: " + why.getMessage(),
                    "copy the whole text shown under the other device's QR code"));
        }

        @Override
        public void lookingFor(String what, Duration bound) {
            tell(new LanState.Looking(what, bound.toSeconds()));
        }

        @Override
        public void waitingAt(String address, Duration timeout) {
            tell(new LanState.WaitingAt(address));
        }

        @Override
        public void failed(String reason, String advice) {
            tell(new LanState.Failed(reason, advice));
        }
    }
}
