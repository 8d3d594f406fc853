package org.annexp2p.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.shell.RestrictedShell;
import org.annexp2p.session.network.LanNetworkProgram;
import org.annexp2p.session.plugin.BadUsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The annex-p2p command line. Errors are one line naming the problem (a stack trace only with --debug);
 * exit codes: 0 success, 1 failure, 2 bad usage.
 */
@Command(name = "annex-p2p",
        resourceBundle = "org.annexp2p.cli.help.Main",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        subcommands = {CommandLine.HelpCommand.class},
        usageHelpAutoWidth = true)
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        // Log lines (e.g. a peer's unparseable line) as one short line on stderr, never on stdout.
        System.setProperty("java.util.logging.SimpleFormatter.format", "annex-p2p: %5$s%6$s%n");
        List<String> argv = Arrays.asList(args);
        // --debug anywhere also shows the stack trace of a failure; each command reads its own --debug for the rest.
        boolean debug = argv.contains("--debug");
        // -c and the GIT_ANNEX_SHELL_* restrictions make this git-annex-shell's stand-in, which cannot reach the tool.
        return RestrictedShell.route(argv, System.getenv(), shellIo(debug), new RestrictedShell.Elsewhere(
                RemoteHelper::run,
                toolArgs -> {
                    if (!toolArgs.isEmpty() && toolArgs.get(0).equals(NetworkRemoteHelper.NAME)) {
                        return NetworkRemoteHelper.run(toolArgs.subList(1, toolArgs.size()));
                    }
                    if (!toolArgs.isEmpty() && toolArgs.get(0).equals(LanNetworkProgram.NAME)) {
                        return LanNetworkProgram.run(toolArgs.subList(1, toolArgs.size()));
                    }
                    String[] a = toolArgs.toArray(String[]::new);
                    return commandLine(debug, a).execute(a);
                },
                Commands.names()));
    }

    /** This process's terminal, as git-annex-shell's stand-in writes to it. */
    static RestrictedShell.Io shellIo(boolean debug) {
        return new RestrictedShell.Io(System.out, System.err, Main::oneLine, debug, Debug.transcript(true));
    }

    /** The whole command tree. */
    static CommandLine commandLine() {
        return commandLine(false);
    }

    /** The command tree {@code args} need (see {@link Commands#registerFor}); {@code debug} adds stack traces. */
    static CommandLine commandLine(boolean debug, String... args) {
        CommandLine cl = new CommandLine(new Main());
        Commands.registerFor(cl, args);
        HelpLayout.apply(cl, System.getenv("COLUMNS"));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("annex-p2p: " + oneLine(e));
            if (debug) {
                e.printStackTrace(commandLine.getErr());
            }
            return e instanceof BadUsageException ? 2 : 1;
        });
        cl.setParameterExceptionHandler((e, ignored) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("annex-p2p: " + e.getMessage());
            // A misspelt command or option: picocli names the closest ones ("Did you mean: annex-p2p get?").
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        return cl;
    }

    /** {@code e} as the one line a user reads (see {@link ErrorWords}). */
    static String oneLine(Throwable e) {
        return ErrorWords.of(e);
    }

    /** Bad input from the user, reported with exit code 2. */
    static final class UsageException extends BadUsageException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"annex-p2p " + (v == null ? "(development build)" : v),
                    "speaks the git-annex P2P protocol versions " + ProtocolVersion.V0.format() + " to " + ProtocolVersion.MAX.format()};
        }
    }
}
