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

@Command(name = "--lan", resourceBundle = "org.annexp2p.cli.help.LanPairCommand", mixinStandardHelpOptions = true,
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:paired and saved", "1:not paired (the reason and what to try are on stderr); nothing saved",
            "2:bad usage"})
public final class LanPairCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
    Path repo;

    @Mixin
    LanWayOptions way;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    LanWayOptions.How how;

    @Option(names = "--discovery-timeout", paramLabel = "S", defaultValue = "20")
    int discoveryTimeoutSeconds;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0")
    int port;

    @Option(names = "--listen-port", paramLabel = "N", defaultValue = "0")
    int listenPort;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT)
    int discoveryPort;

    @Option(names = "--loopback")
    boolean loopback;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "120")
    int timeoutSeconds;

    @Option(names = "--debug")
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
