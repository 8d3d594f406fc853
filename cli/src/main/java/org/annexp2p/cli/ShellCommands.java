package org.annexp2p.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.shell.RestrictedShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * Help pages for the git-annex-shell commands (their text: help/ShellCommands.properties). Their arguments are
 * git-annex's and {@link RestrictedShell#route} keeps them unless help is asked for; should picocli run one anyway,
 * it goes to {@link RestrictedShell#run} too.
 */
final class ShellCommands {
    private ShellCommands() {}

    @Command(name = "p2pstdio", resourceBundle = "org.annexp2p.cli.help.ShellCommands", mixinStandardHelpOptions = true)
    static final class P2pStdio extends ShellCommand {
        P2pStdio() {
            super("p2pstdio");
        }
    }

    @Command(name = "configlist", resourceBundle = "org.annexp2p.cli.help.ShellCommands", mixinStandardHelpOptions = true)
    static final class ConfigList extends ShellCommand {
        ConfigList() {
            super("configlist");
        }
    }

    /** A git-annex-shell command, its arguments as given, run by the restricted shell. */
    abstract static class ShellCommand implements Callable<Integer> {
        private final String name;

        @Parameters(arity = "0..*", descriptionKey = "arguments")
        List<String> args = new ArrayList<>();

        @Unmatched
        List<String> rest = new ArrayList<>();

        ShellCommand(String name) {
            this.name = name;
        }

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of(name));
            argv.addAll(args);
            argv.addAll(rest);
            return RestrictedShell.run(argv, System.getenv(), Main.shellIo(argv.contains("--debug")));
        }
    }
}
