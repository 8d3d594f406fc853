package org.annexp2p.cli;

import picocli.CommandLine;

/** The subcommands, in the order --help lists them. */
final class Commands {
    private Commands() {}

    static void register(CommandLine cl) {
    }
}
