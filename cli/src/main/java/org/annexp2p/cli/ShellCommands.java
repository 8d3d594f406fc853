package org.annexp2p.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * Help pages for the git-annex-shell commands. Their arguments are git-annex's, parsed by {@link ShellArgs};
 * {@link Main} hands them straight to {@link GitAnnexShell} unless help is asked for.
 */
final class ShellCommands {
    private ShellCommands() {}

    @Command(name = "p2pstdio", mixinStandardHelpOptions = true,
            description = {"Serve a repository on stdin/stdout exactly as `git-annex-shell p2pstdio` does, for git-annex "
                    + "ssh remotes: the peer was authenticated by ssh, so the server announces AUTH-SUCCESS at once.",
                "",
                "Set `git config remote.NAME.annex-shell /path/to/annex-p2p` on the client (or use annex-p2p as the "
                    + "forced command in authorized_keys; `-c \"git-annex-shell 'p2pstdio' ...\"` is understood). "
                    + "GIT_ANNEX_SHELL_READONLY / GIT_ANNEX_SHELL_APPENDONLY restrict writes as with git-annex-shell. "
                    + "--uuid makes it refuse to serve a repository with another UUID. Exit 0 when the client hangs "
                    + "up, 1 on failure."},
            customSynopsis = "annex-p2p p2pstdio DIRECTORY [--debug] CLIENT-UUID [--uuid EXPECTED-UUID]")
    static final class P2pStdio implements Callable<Integer> {
        @Parameters(arity = "0..*")
        List<String> args = new ArrayList<>();

        @Unmatched
        List<String> rest = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of("p2pstdio"));
            argv.addAll(args);
            argv.addAll(rest);
            return GitAnnexShell.run(argv);
        }
    }

    @Command(name = "configlist", mixinStandardHelpOptions = true,
            description = "Print the repository's UUID the way `git-annex-shell configlist` does "
                    + "(annex.uuid=... and core.gcrypt-id=), which git-annex asks an ssh remote before it knows its UUID.",
            customSynopsis = "annex-p2p configlist DIRECTORY")
    static final class ConfigList implements Callable<Integer> {
        @Parameters(arity = "0..*")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of("configlist"));
            argv.addAll(args);
            return GitAnnexShell.run(argv);
        }
    }
}
