package org.annexp2p.web.doctor;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.doctor.Check;
import org.annexp2p.pairing.doctor.Doctor;
import org.annexp2p.pairing.doctor.LanCheckOptions;
import org.annexp2p.web.Refused;
import org.annexp2p.web.Reply;
import org.annexp2p.web.Routes;
import org.annexp2p.web.Section;
import org.annexp2p.web.UiContext;

/**
 * Diagnostics: every check {@code annex-p2p doctor} runs, through the same {@link Doctor#run} call, each result
 * pushed as it comes ({@code doctor.check}), then the whole report ({@code doctor.done}) with the same text the
 * command prints, for the page's "copy report" button. One run at a time.
 * <ul>
 *   <li>{@code POST /api/doctor/run}: starts a run (409 while one is going);</li>
 *   <li>{@code GET /api/doctor/last}: whether one is running, the results so far or of the last run, its report.</li>
 * </ul>
 */
public final class DoctorSection implements Section {
    private final UiContext context;
    private final DoctorRuns runs = new DoctorRuns();

    public DoctorSection(UiContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "doctor";
    }

    @Override
    public void register(Routes routes) {
        routes.get("last", call -> Reply.ok(runs.state()));
        routes.post("run", call -> {
            if (!runs.begin()) {
                throw new Refused(409, "Diagnostics are already running: wait for their results.");
            }
            context.background().execute(this::run);
            return Reply.accepted(runs.state());
        });
    }

    private void run() {
        List<Check> checks = List.of();
        try {
            checks = Doctor.run(options(), check -> {
                runs.add(check);
                context.events().publish("doctor.check", Map.of("check", DoctorRuns.shown(check)));
            });
        } finally {
            runs.end(checks);
            context.events().publish("doctor.done", Map.of("state", runs.state()));
        }
    }

    /** What {@code annex-p2p doctor --repo REPO} checks, with $WORMHOLE_RELAY_URL as its --relay-url default. */
    private Doctor.Options options() {
        LanCheckOptions lan = context.settings().loopbackChecks() ? LanCheckOptions.loopback(0, freeUdpPort())
                : LanCheckOptions.defaults(0, DiscoveryGroups.PORT);
        Map<String, String> environment = System.getenv();
        return new Doctor.Options(lan, Optional.empty(), Optional.ofNullable(environment.get("WORMHOLE_RELAY_URL")),
                Optional.of(context.settings().repository()), environment);
    }

    /** On loopback the self-test must not meet another test's announcements: a port nobody uses. */
    private static int freeUdpPort() {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (SocketException e) {
            return DiscoveryGroups.PORT;
        }
    }
}
