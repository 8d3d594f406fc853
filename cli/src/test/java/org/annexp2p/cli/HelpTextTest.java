package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a new user reads first: every command's --help, at narrow, usual and wide terminals. picocli wraps
 * descriptions itself, so each paragraph is one string; a sentence split over several strings comes out as
 * ragged lines.
 */
class HelpTextTest {
    /** A footer's example: a command line (maybe after environment settings), or a comment on the next one. */
    private static final Pattern EXAMPLE = Pattern.compile("^  (#|([A-Z_]+=\\S* )*(annex-p2p|git|ssh|cat|GIT_ANNEX)\\b)");
    /**
     * Help text another change is rewriting at the same time (TLS addresses, pre-auth deadline); it is reflowed
     * with that change, which then empties this set.
     */
    private static final Set<String> REFLOWED_ELSEWHERE = Set.of();
    private static final int[] WIDTHS = {60, 80, 120};
    /** An option's line in the list: its names start within the first columns; wrapped text is indented further. */
    private static final Pattern OPTION_LINE = Pattern.compile("^ {2,6}(?:-\\w, )?(--?[\\w-]+)");

    static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> all, Set<CommandLine> seen) {
        if (seen.add(cl)) {
            all.add(cl);
            cl.getSubcommands().values().forEach(c -> collect(c, all, seen));
        }
    }

    static String usage(CommandLine cl, int width) {
        cl.getCommandSpec().usageMessage().autoWidth(false).width(width);
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void everyCommandIsChecked() {
        assertThat(everyCommand().stream().map(c -> c.getCommandSpec().qualifiedName()))
                .contains("annex-p2p get", "annex-p2p put", "annex-p2p pair --lan", "annex-p2p wormhole send", "annex-p2p doctor")
                .hasSizeGreaterThan(18);
    }

    /**
     * Every command, option and positional says what it is, including those a mixin or an argument group adds: their
     * text lives in resource bundles, and a key missing there would otherwise leave an empty line unnoticed.
     */
    @Test
    void everyCommandOptionAndParameterHasADescription() {
        List<String> bare = everyCommand().stream().map(CommandLine::getCommandSpec).flatMap(HelpTextTest::withoutText).toList();
        assertThat(bare).isEmpty();
    }

    /** What of {@code spec} has no text: the command itself, or one of its options or positionals, mixins' included. */
    private static Stream<String> withoutText(CommandSpec spec) {
        spec.mixins().values().forEach(mixin ->
                assertThat(spec.options()).as("%s has its mixins' options", spec.qualifiedName()).containsAll(mixin.options()));
        Stream<String> command = blank(spec.usageMessage().description()) ? Stream.of("the command") : Stream.empty();
        Stream<String> args = spec.args().stream().filter(arg -> blank(arg.description()))
                .map(arg -> arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel());
        return Stream.concat(command, args).map(what -> spec.qualifiedName() + ": " + what);
    }

    private static boolean blank(String[] description) {
        return java.util.Arrays.stream(description).allMatch(String::isBlank);
    }

    @Test
    void noOptionIsListedTwice() {
        for (CommandLine cl : everyCommand()) {
            for (int width : WIDTHS) {
                Map<String, Integer> seen = new java.util.HashMap<>();
                for (String line : usage(cl, width).lines().toList()) {
                    Matcher m = OPTION_LINE.matcher(line);
                    if (m.find()) {
                        seen.merge(m.group(1), 1, Integer::sum);
                    }
                }
                assertThat(seen).as("%s --help at %d columns", cl.getCommandSpec().qualifiedName(), width)
                        .allSatisfy((option, times) -> assertThat(times).as(option).isEqualTo(1));
            }
        }
    }

    @Test
    void noLineIsWiderThanTheTerminalUnlessItCannotBreak() {
        List<String> wide = new ArrayList<>();
        for (CommandLine cl : everyCommand()) {
            for (int width : WIDTHS) {
                for (String line : usage(cl, width).lines().toList()) {
                    if (line.length() > width && !isExample(line) && line.strip().contains(" ")) {
                        wide.add(cl.getCommandSpec().qualifiedName() + " --help at " + width + " columns: " + line);
                    }
                }
            }
        }
        assertThat(wide).isEmpty();
    }

    /**
     * A paragraph split over several strings: picocli breaks the line after each string, so a paragraph given as
     * pre-wrapped lines comes out ragged. (The first string is also the command's summary in its parent's list.)
     */
    @Test
    void eachParagraphIsOneString() {
        List<String> splits = new ArrayList<>();
        for (CommandLine cl : everyCommand()) {
            CommandSpec spec = cl.getCommandSpec();
            String name = spec.qualifiedName();
            if (REFLOWED_ELSEWHERE.contains(name) || cl.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            paragraphSplits(name + " description", spec.usageMessage().description(), splits);
            paragraphSplits(name + " footer", spec.usageMessage().footer(), splits);
            for (ArgSpec arg : spec.args()) {
                String[] d = arg.description();
                if (d.length > 1) {
                    splits.add(name + " " + arg.paramLabel() + ": an option's description is one string, "
                            + d.length + " given");
                }
            }
        }
        assertThat(splits).isEmpty();
    }

    private static void paragraphSplits(String where, String[] strings, List<String> splits) {
        for (int i = 1; i < strings.length; i++) {
            String before = strings[i - 1];
            String next = strings[i];
            // picocli starts a wrapped line at the left margin: an indented string longer than the narrowest
            // terminal would lose its indent.
            if (next.startsWith(" ") && next.length() > HelpLayout.NARROWEST && !isExample(next)) {
                splits.add(where + ": \"" + next + "\" is indented but does not fit on one line");
            }
            if (before.isEmpty() || next.isEmpty() || next.startsWith(" ") || isExample(before)) {
                continue;
            }
            // Paragraphs are separated by an empty string; two strings in a row are one paragraph split in two.
            splits.add(where + ": \"" + before + "\" goes on in \"" + next + "\"");
        }
    }

    @Test
    void examplesAreIndentedAndFitAnEightyColumnTerminal() {
        List<String> bad = new ArrayList<>();
        for (CommandLine cl : everyCommand()) {
            if (REFLOWED_ELSEWHERE.contains(cl.getCommandSpec().qualifiedName())) {
                continue;
            }
            for (String line : cl.getCommandSpec().usageMessage().footer()) {
                String where = cl.getCommandSpec().qualifiedName() + ": " + line;
                if (line.startsWith("annex-p2p ") || line.startsWith(" annex-p2p ")) {
                    bad.add("not indented two spaces: " + where);
                }
                if (isExample(line) && line.length() >= 78) {
                    bad.add("wider than 77: " + where);
                }
                if (line.contains("uuidgen")) {
                    bad.add("uuidgen is not on every Debian: " + where);
                }
            }
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void examplesArePrintedAsWrittenEvenOnANarrowTerminal() {
        CommandLine get = Main.commandLine(false, "get", "--help").getSubcommands().get("get");
        String help = usage(get, 60);
        String example = "  annex-p2p get --exec \"git-annex-shell p2pstdio /srv/annex $U\" KEY out.bin";
        assertThat(example.length()).isGreaterThan(60);
        assertThat(help.lines()).contains(example);
        CommandLine main = Main.commandLine();
        assertThat(usage(main, 60).lines()).contains("Exit codes: 0 success, 1 failure, 2 bad usage.");
    }

    @Test
    void theTerminalWidthIsUsedByEveryCommand() {
        for (CommandLine cl : everyCommand()) {
            assertThat(cl.getCommandSpec().usageMessage().autoWidth() || HelpLayout.columns(System.getenv("COLUMNS")).isPresent())
                    .as(cl.getCommandSpec().qualifiedName()).isTrue();
        }
        // A lazily built tree (the command named first) gets the same.
        CommandLine get = Main.commandLine(false, "get", "--help").getSubcommands().get("get");
        assertThat(get.getCommandSpec().usageMessage().autoWidth()
                || HelpLayout.columns(System.getenv("COLUMNS")).isPresent()).isTrue();
    }

    @Test
    void columnsFromTheEnvironmentSetTheWidth() {
        CommandLine cl = Main.commandLine(false, "get", "--help");
        HelpLayout.apply(cl, "120");
        CommandLine get = cl.getSubcommands().get("get");
        assertThat(get.getCommandSpec().usageMessage().width()).isEqualTo(120);
        assertThat(get.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().mapToInt(String::length).max().getAsInt())
                .isGreaterThan(80).isLessThanOrEqualTo(120);
        HelpLayout.apply(cl, "60");
        assertThat(get.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().filter(l -> !isExample(l))
                .mapToInt(String::length).max().getAsInt()).isLessThanOrEqualTo(60);
        assertThat(HelpLayout.columns("junk")).isEmpty();
        assertThat(HelpLayout.columns("")).isEmpty();
    }

    private static boolean isExample(String line) {
        return EXAMPLE.matcher(line).find();
    }
}
