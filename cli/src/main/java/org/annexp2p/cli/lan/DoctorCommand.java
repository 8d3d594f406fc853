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

@Command(name = "doctor", resourceBundle = "org.annexp2p.cli.help.DoctorCommand", mixinStandardHelpOptions = true)
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR")
    Path repo;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--relay-url", paramLabel = "URL", defaultValue = "${env:WORMHOLE_RELAY_URL}")
    String relayUrl;

    @Option(names = "--tor-control", paramLabel = "HOST:PORT")
    String torControl;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0")
    int port;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT)
    int discoveryPort;

    @Option(names = "--loopback")
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
