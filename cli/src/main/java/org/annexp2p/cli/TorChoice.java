package org.annexp2p.cli;

import java.nio.file.Path;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.onion.RepositoryOnion;
import picocli.CommandLine.Option;

/** Which tor to use, for the commands that publish an onion. */
final class TorChoice {
    @Option(names = "--tor", paramLabel = "launch|attach|auto", arity = "0..1", fallbackValue = "auto",
            description = {"Which tor: auto (the default, also for a bare --tor): use a running tor if its control port answers ($ANNEX_P2P_TOR_CONTROL, "
                    + "9051, 9151, control sockets), else start a private one from PATH; attach: only a running tor; "
                    + "launch: always a private tor, owned by this process (no root, no torrc edits)."})
    String policy;

    @Option(names = "--tor-control", paramLabel = "HOST:PORT|unix:PATH",
            description = "A running tor's control port or socket (default: $ANNEX_P2P_TOR_CONTROL, then the usual places).")
    String control;

    @Option(names = "--tor-socks", paramLabel = "HOST:PORT",
            description = "An attached tor's SOCKS port (default: $ANNEX_P2P_TOR_SOCKS, else what tor reports, else "
                    + "127.0.0.1:9050). A tor we launch is always used through its own SOCKS port.")
    String socks;

    @Option(names = "--tor-extra-config", paramLabel = "FILE",
            description = "Extra torrc lines for a launched tor (e.g. to join a private test network).")
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
