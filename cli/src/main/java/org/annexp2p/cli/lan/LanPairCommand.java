package org.annexp2p.cli.lan;

import org.annexp2p.protocol.wire.ShownText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.session.lan.LanMeeting;
import org.annexp2p.session.lan.LanPairingAttempt;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "--lan", mixinStandardHelpOptions = true,
        description = {"Pair this repository with another one on the same network, without any server.",
            "",
            "Four ways, pick one per device:",
            "",
            "1. The same secret phrase on both devices (--secret). They find each other by multicast/broadcast "
                + "discovery authenticated with the phrase.",
            "",
            "2. --qr on one device, and the text under its QR code on the other (--payload). The text names the "
                + "first device's addresses.",
            "",
            "3. Discovery first: --qr on one device, --find on the other. --find lists the devices waiting to pair, "
                + "then asks for the text under the QR code (or takes --payload) and pairs only with the device that "
                + "proves it shows that code, at the address discovery saw. If discovery finds nobody within "
                + "--discovery-timeout, or nobody it finds proves the code, it says why and tries the addresses in the text.",
            "",
            "4. Where discovery is blocked: --secret --respond on one device, --secret --address with the address it "
                + "shows on the other.",
            "",
            "The pairing proves both sides know the secret; each side learns the other's TLS key, addresses and a shared "
                + "auth token. Only after a first TLS link pinned to that key has authenticated is anything saved "
                + "(.git/annex/creds/lan-peers and lan-identity.pem, mode 0600; the token in p2pauth). "
                + "Afterwards: `annex-p2p serve --lan-listen HOST:PORT` and `annex-p2p get --address lan://HOST:PORT ...`.",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:paired and saved", "1:not paired (the reason and what to try are on stderr); nothing saved",
            "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  # on both devices, with the same secret:",
            "  annex-p2p pair --lan --repo ~/annex --secret 'correct horse battery'",
            "  # or: show a QR code on one device,",
            "  annex-p2p pair --lan --repo ~/annex --qr",
            "  # and on the other give the text it shows,",
            "  annex-p2p pair --lan --repo ~/annex --payload 'TEXT'",
            "  # or list the devices showing one, then type the text:",
            "  annex-p2p pair --lan --repo ~/annex --find"})
public final class LanPairCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Mixin
    LanWayOptions way;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    LanWayOptions.How how;

    @Option(names = "--discovery-timeout", paramLabel = "S", defaultValue = "20",
            description = "With --find: look for devices this long before falling back to the QR code's addresses (default: 20).")
    int discoveryTimeoutSeconds;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "UDP port of the pairing conversation (default: any free port).")
    int port;

    @Option(names = "--listen-port", paramLabel = "N", defaultValue = "0",
            description = "TCP port of the TLS listener the first link is made to (default: any free port).")
    int listenPort;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT,
            description = "UDP port of discovery announcements (default: ${DEFAULT-VALUE}).")
    int discoveryPort;

    @Option(names = "--loopback", description = "Stay on loopback (two repositories on this machine; tests).")
    boolean loopback;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "120", description = "Give up after S seconds (default: 120).")
    int timeoutSeconds;

    @Option(names = "--debug", description = "Show each pairing step on stderr (never secrets).")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1 || discoveryTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout and --discovery-timeout must be at least 1 second");
        }
        LanMeeting.Way chosen;
        try {
            chosen = way.way(how);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Consumer<String> log = debug ? line -> System.err.println(ShownText.of("pair --lan: " + line)) : line -> { };
        LanPairingAttempt.Result result = LanPairingAttempt.run(repo, chosen, new LanPairingAttempt.Settings(port, listenPort,
                loopback, discoveryPort, Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(discoveryTimeoutSeconds), log),
                new LanPairScreen());
        if (result instanceof LanPairingAttempt.Result.Failed f) {
            return LanPairScreen.fail(f.reason(), f.advice());
        }
        if (!(result instanceof LanPairingAttempt.Result.Paired paired)) {
            return 1;
        }
        if (!paired.linkedBack()) {
            System.err.println("annex-p2p: note: the other device has not linked back yet; it saves the pairing only once it has");
        }
        return 0;
    }
}
