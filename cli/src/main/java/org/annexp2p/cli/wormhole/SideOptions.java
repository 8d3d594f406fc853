package org.annexp2p.cli.wormhole;

import org.annexp2p.cli.ProgressBar;
import org.annexp2p.cli.Terminal;
import picocli.CommandLine.Option;

/** The options {@code send} and {@code receive} share, spelt as the Python CLI spells them (text: help/Main.properties, side.*). */
final class SideOptions {
    @Option(names = {"-h", "--help"}, usageHelp = true, descriptionKey = "side.help")
    boolean help;

    @Option(names = "--hide-progress", descriptionKey = "side.hide-progress")
    boolean hideProgress;

    @Option(names = "--no-listen", descriptionKey = "side.no-listen")
    boolean noListen;

    /** The progress meter on {@code console}'s stderr, live only on a terminal and without --hide-progress. */
    ProgressBar meter(Console console) {
        return ProgressBar.forWormhole(console.err(), !hideProgress && Terminal.stderrIsTerminal());
    }
}
