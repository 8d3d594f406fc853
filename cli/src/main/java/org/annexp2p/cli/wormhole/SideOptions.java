package org.annexp2p.cli.wormhole;

import org.annexp2p.cli.ProgressBar;
import org.annexp2p.cli.Terminal;
import picocli.CommandLine.Option;

/** The options {@code send} and {@code receive} share, spelt as the Python CLI spells them. */
final class SideOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Option(names = "--hide-progress", description = "suppress the progress bar")
    boolean hideProgress;

    @Option(names = "--no-listen", description = "(debug) don't open a listening socket for Transit")
    boolean noListen;

    /** The progress meter on {@code console}'s stderr, live only on a terminal and without --hide-progress. */
    ProgressBar meter(Console console) {
        return ProgressBar.forWormhole(console.err(), !hideProgress && Terminal.stderrIsTerminal());
    }
}
