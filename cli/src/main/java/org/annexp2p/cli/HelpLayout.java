package org.annexp2p.cli;

import java.util.Optional;
import picocli.CommandLine;

/**
 * How --help fits the terminal. picocli asks the terminal (stty) only for the commands it is told to, and a
 * subcommand added after that is not told; so this runs on the finished tree. An exported $COLUMNS (for a pipe,
 * or a terminal stty cannot see) wins.
 */
final class HelpLayout {
    private HelpLayout() {
    }

    /** picocli's own floor: narrower, its option column would not fit. */
    static final int NARROWEST = 55;

    static void apply(CommandLine tree, String columnsVariable) {
        Optional<Integer> columns = columns(columnsVariable);
        tree.setUsageHelpAutoWidth(columns.isEmpty());
        columns.ifPresent(tree::setUsageHelpWidth);
    }

    /** $COLUMNS as a width, if it is one. */
    static Optional<Integer> columns(String variable) {
        if (variable == null || !variable.strip().matches("[0-9]{1,4}")) {
            return Optional.empty();
        }
        return Optional.of(Math.max(NARROWEST, Integer.parseInt(variable.strip())));
    }
}
