package org.annexp2p.cli;

import java.util.Optional;
import picocli.CommandLine;

/**
 * How --help fits the terminal. picocli asks the terminal (stty) only for the commands it is told to, and a
 * subcommand added after that is not told; so this runs on the finished tree. An exported $COLUMNS (for a pipe,
 * or a terminal stty cannot see) wins. Examples are printed as written: picocli would wrap a long one to the left
 * margin, and a command copied from there would come out in pieces.
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
        withExamplesAsWritten(tree);
    }

    private static void withExamplesAsWritten(CommandLine command) {
        command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        command.getSubcommands().values().forEach(HelpLayout::withExamplesAsWritten);
    }

    /** A footer line indented by two spaces (an example, or a comment on one) as written; the rest wrapped. */
    static String footer(CommandLine.Help help) {
        StringBuilder out = new StringBuilder();
        int width = help.commandSpec().usageMessage().width();
        for (String line : help.commandSpec().usageMessage().footer()) {
            String text = String.format(line);
            if (text.startsWith("  ")) {
                out.append(text).append(System.lineSeparator());
            } else {
                CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                        new CommandLine.Help.Column(width, 0, CommandLine.Help.Column.Overflow.WRAP));
                table.addRowValues(text);
                out.append(table);
            }
        }
        return out.toString();
    }

    /** $COLUMNS as a width, if it is one. */
    static Optional<Integer> columns(String variable) {
        if (variable == null || !variable.strip().matches("[0-9]{1,4}")) {
            return Optional.empty();
        }
        return Optional.of(Math.max(NARROWEST, Integer.parseInt(variable.strip())));
    }
}
