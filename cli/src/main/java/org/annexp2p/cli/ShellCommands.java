package org.annexp2p.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.shell.RestrictedShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * Help pages for the git-annex-shell commands. Their arguments are git-annex's and {@link RestrictedShell#route}
 * keeps them unless help is asked for; should picocli run one anyway, it goes to {@link RestrictedShell#run} too.
 */
final class ShellCommands {
    private ShellCommands() {}

    private static final String RESTRICTED_SHELL = "As a restricted ssh shell, like git-annex-shell: give the key a forced "
            + "command in the account's authorized_keys, `command=\"annex-p2p -c \\\"$SSH_ORIGINAL_COMMAND\\\"\",restrict "
            + "ssh-ed25519 AAAA...`, and set GIT_ANNEX_SHELL_DIRECTORY (the one repository the key may reach) and "
            + "GIT_ANNEX_SHELL_LIMITED (no git pull or push) for it with authorized_keys' environment= or sshd's SetEnv; "
            + "or make annex-p2p the account's login shell. Only p2pstdio and configlist run then, other commands go to "
            + "git-shell as with git-annex-shell, and annex-p2p's own commands (get, put, token, serve, ...) are never "
            + "reached, nor while GIT_ANNEX_SHELL_LIMITED or _DIRECTORY is set. GIT_ANNEX_SHELL_READONLY / _APPENDONLY "
            + "restrict p2pstdio's writes and, stricter than git-annex-shell, let only git-upload-pack and "
            + "git-upload-archive through to git-shell (no git push). A variable is set when it is not empty; "
            + "GIT_ANNEX_SHELL_DIRECTORY set but empty means the home directory. See docs/security.md.";

    @Command(name = "p2pstdio", mixinStandardHelpOptions = true,
            description = {"Serve a repository on stdin/stdout exactly as `git-annex-shell p2pstdio` does, for git-annex "
                    + "ssh remotes: the peer was authenticated by ssh, so the server announces AUTH-SUCCESS at once.",
                "",
                "Set `git config remote.NAME.annex-shell /path/to/annex-p2p` on the client. "
                    + "--uuid makes it refuse to serve a repository with another UUID. Exit 0 when the client hangs "
                    + "up, 1 on failure.",
                "",
                RESTRICTED_SHELL},
            customSynopsis = {"annex-p2p p2pstdio DIRECTORY [--debug] CLIENT-UUID",
                "                          [--uuid EXPECTED-UUID]"})
    static final class P2pStdio extends ShellCommand {
        P2pStdio() {
            super("p2pstdio");
        }
    }

    @Command(name = "configlist", mixinStandardHelpOptions = true,
            description = {"Print the repository's UUID the way `git-annex-shell configlist` does "
                    + "(annex.uuid=... and core.gcrypt-id=), which git-annex asks an ssh remote before it knows its UUID.",
                "",
                RESTRICTED_SHELL},
            customSynopsis = "annex-p2p configlist DIRECTORY [--uuid EXPECTED-UUID]")
    static final class ConfigList extends ShellCommand {
        ConfigList() {
            super("configlist");
        }
    }

    /** A git-annex-shell command, its arguments as given, run by the restricted shell. */
    abstract static class ShellCommand implements Callable<Integer> {
        private final String name;

        @Parameters(arity = "0..*")
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
