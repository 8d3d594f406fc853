package org.annexp2p.cli.lan;

import org.annexp2p.protocol.wire.ShownText;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.doctor.Check;
import org.annexp2p.pairing.doctor.Doctor;
import org.annexp2p.pairing.doctor.DoctorReport;
import org.annexp2p.pairing.doctor.LanCheckOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Diagnose why pairing or syncing might not work here, and print one report.",
            "",
            "Runs every check, whatever the others found: network interfaces, the listener port, own address, "
                + "multicast send/receive self-test, confirmation listener, tor on PATH and a running tor's bootstrap "
                + "(attached through its control port, never started), the repository's onion address, the "
                + "configured wormhole server (none is contacted unless --relay-url or $WORMHOLE_RELAY_URL names it), "
                + "git-annex and its version, and the permissions of the repository's creds files. "
                + "Each result is logged on stderr as it comes; exit 0 when nothing failed, 1 otherwise."},
        footerHeading = "%nExamples:%n",
        footer = {"  annex-p2p doctor --repo ~/annex",
            "  annex-p2p doctor --json | jq '.checks[] | select(.status == \"fail\")'"})
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", description = "The repository whose onion address and creds to check (default: ., if it is one).")
    Path repo;

    @Option(names = "--json", description = "Print {\"checks\":[{\"name\",\"status\",\"detail\"}]} instead of a table.")
    boolean json;

    @Option(names = "--relay-url", paramLabel = "URL", defaultValue = "${env:WORMHOLE_RELAY_URL}",
            description = "The Magic Wormhole server to check (default: $WORMHOLE_RELAY_URL; none: skipped).")
    String relayUrl;

    @Option(names = "--tor-control", paramLabel = "HOST:PORT",
            description = "A running tor's control port (default: $ANNEX_P2P_TOR_CONTROL, else " + Doctor.DEFAULT_TOR_CONTROL + ").")
    String torControl;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "The LAN listener port to check (default: any).")
    int port;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT,
            description = "UDP port of discovery announcements (default: ${DEFAULT-VALUE}).")
    int discoveryPort;

    @Option(names = "--loopback", description = "Run the network self-tests on loopback only (single host; tests).")
    boolean loopback;

    /**
     * In a terminal each result is printed once, as a table row when it comes; otherwise (a pipe, a file, --json)
     * results are logged on stderr as they come, for a person watching, and the report goes to stdout at the end.
     */
    private boolean live;

    @Override
    public Integer call() {
        live = !json && org.annexp2p.cli.Terminal.stdoutIsTerminal();
        LanCheckOptions lan = loopback ? LanCheckOptions.loopback(port, discoveryPort) : LanCheckOptions.defaults(port, discoveryPort);
        List<Check> checks = Doctor.run(new Doctor.Options(lan, Optional.ofNullable(torControl), Optional.ofNullable(relayUrl),
                Optional.ofNullable(repo), System.getenv()), this::show);
        System.out.print(json ? DoctorReport.json(checks) : live ? DoctorReport.summary(checks) : DoctorReport.table(checks));
        System.out.flush();
        return checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL) ? 1 : 0;
    }

    private void show(Check c) {
        if (live) {
            System.out.print(DoctorReport.row(c, LIVE_NAME_WIDTH));
            System.out.flush();
        } else {
            System.err.println("doctor: " + c.name() + ": " + c.status().json() + ": " + ShownText.of(c.detail()));
        }
    }

    /** Rows printed as they come cannot be measured first; the longest check name is about this long. */
    private static final int LIVE_NAME_WIDTH = 22;
}
