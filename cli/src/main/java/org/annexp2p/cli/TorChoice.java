package org.annexp2p.cli;

import java.nio.file.Path;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.onion.RepositoryOnion;
import picocli.CommandLine.Option;

/** Which tor to use, for the commands that publish an onion. Their text: help/Main.properties (keys tor.*). */
final class TorChoice {
    @Option(names = "--tor", paramLabel = "launch|attach|auto", arity = "0..1", fallbackValue = "auto", descriptionKey = "tor.tor")
    String policy;

    @Option(names = "--tor-control", paramLabel = "HOST:PORT|unix:PATH", descriptionKey = "tor.tor-control")
    String control;

    @Option(names = "--tor-socks", paramLabel = "HOST:PORT", descriptionKey = "tor.tor-socks")
    String socks;

    @Option(names = "--tor-extra-config", paramLabel = "FILE", descriptionKey = "tor.tor-extra-config")
    Path extraConfig;

    /** Whether --tor was given at all. */
    boolean requested() {
        return policy != null;
    }

    /** A launched tor keeps its state with the repository's onion (see {@link RepositoryOnion}). */
    TorOptions options(RepositoryOnion onion) {
        try {
            return TorOptions.chosen(policy, control, socks, extraConfig, onion.torStateDir());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }
}
