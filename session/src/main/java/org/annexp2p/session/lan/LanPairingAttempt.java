package org.annexp2p.session.lan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.annexp2p.pairing.lan.Conversation;
import org.annexp2p.pairing.lan.LanEndpoints;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.repository.AnnexRepository;

/**
 * One {@code pair --lan} from start to end: the repository's LAN identity, the endpoints, the devices meeting
 * ({@link LanMeeting}), the pairing and first link ({@link LanPairingFlow}), then the wait for the other device to link
 * back. The whole of it is bounded by one timeout, except the time a person takes to type a QR code's text.
 */
public final class LanPairingAttempt {
    private LanPairingAttempt() {}

    /** {@code pair --lan}'s ports, scope and bounds; {@code log} gets each step (never a secret). */
    public record Settings(int port, int listenPort, boolean loopback, int discoveryPort, Duration timeout,
            Duration discoveryTimeout, Consumer<String> log) {}

    /** What the person is shown: the meeting's screens, then the pairing as soon as it is saved. */
    public interface Screen extends LanMeeting.Screen {
        /** Paired with {@code paired}'s peer, as {@code ours}, in {@code took}; the peer may not have linked back yet. */
        void paired(LanPairingFlow.Outcome.Paired paired, KeyFingerprint ours, Duration took);
    }

    /** How it ended: the devices never met (the screen was told why), pairing failed (nothing saved), or paired. */
    public sealed interface Result {
        record NotMet() implements Result {
        }

        record Failed(String reason, String advice) implements Result {
        }

        /** Paired and saved; {@code linkedBack}: the other device also linked to us, so it has saved the pairing too. */
        record Paired(boolean linkedBack) implements Result {
        }
    }

    public static Result run(Path repo, LanMeeting.Way way, Settings settings, Screen screen) throws Exception {
        long started = System.nanoTime();
        AnnexRepository repository = AnnexRepository.open(repo);
        TlsIdentity identity = LanIdentity.loadOrGenerate(repository.creds(), "annex-p2p " + repository.uuid());
        LanEndpoints.Scope scope = new LanEndpoints.Scope(settings.loopback(), settings.discoveryPort(), settings.log());
        try (LanEndpoints ends = LanEndpoints.open(identity, settings.port(), settings.listenPort(), scope);
                LanPairingFlow flow = new LanPairingFlow(repository, ends)) {
            Optional<Conversation> conversation = new LanMeeting(ends, screen)
                    .meet(way, settings.timeout(), settings.discoveryTimeout());
            if (conversation.isEmpty()) {
                return new Result.NotMet();
            }
            if (way.find()) {
                started = System.nanoTime(); // --find may have waited for a person to type the QR code's text: that is not pairing time
            }
            LanPairingFlow.Outcome outcome = flow.pair(conversation.get(), remaining(started, settings.timeout()));
            if (outcome instanceof LanPairingFlow.Outcome.Failed f) {
                return new Result.Failed(f.reason(), f.advice());
            }
            screen.paired((LanPairingFlow.Outcome.Paired) outcome, identity.fingerprint(), Duration.ofNanos(System.nanoTime() - started));
            return new Result.Paired(flow.awaitLinkBack());
        }
    }

    private static Duration remaining(long started, Duration total) {
        long left = total.toNanos() - (System.nanoTime() - started);
        return Duration.ofNanos(Math.max(TimeUnit.SECONDS.toNanos(1), left));
    }
}
