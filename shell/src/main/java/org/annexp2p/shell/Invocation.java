package org.annexp2p.shell;

import io.vavr.control.Option;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether this process is git-annex-shell's stand-in, a restricted shell an ssh key is confined to, or the
 * annex-p2p tool; decided before any command is parsed, because a restricted shell must never reach the tool's
 * commands (get --exec runs a program, token issues credentials, serve opens any repository).
 *
 * <p>A restricted shell when: the first argument is {@code -c} (sshd runs a login shell or a forced command that
 * way); GIT_ANNEX_SHELL_LIMITED is set, or GIT_ANNEX_SHELL_DIRECTORY is set at all (git-annex-shell treats an
 * empty one as the home directory: still a restriction); or there are no arguments inside an ssh session, which
 * is how sshd starts a login shell for a session with no command (its "-" in argv[0] does not survive the #!
 * launcher, so the session's SSH_CONNECTION is the sign we can see).
 */
final class Invocation {
    private Invocation() {}

    /** Where a command line can go. {@code toolCommands}: the tool's command names, refused by name in a shell. */
    record Routes(Function<List<String>, Integer> shell, Function<List<String>, Integer> remoteHelper,
            Function<List<String>, Integer> tool, Set<String> toolCommands) {}

    static final String REMOTE_HELPER = "git-remote-tor-annex";

    /** Where {@link #route} sends a command line. */
    enum Destination { SHELL, REFUSED, REMOTE_HELPER, TOOL }

    static int route(List<String> argv, ShellEnvironment env, Routes routes, PrintStream err) {
        switch (destination(argv, env, routes.toolCommands())) {
            case SHELL:
                return routes.shell().apply(argv);
            case REFUSED:
                err.println(RestrictedShell.NAME + ": " + argv.get(0) + " is refused: " + whyRestricted(argv, env).get()
                        + ", so annex-p2p runs only as git-annex-shell (p2pstdio, configlist)");
                return 1;
            case REMOTE_HELPER:
                return routes.remoteHelper().apply(argv.subList(1, argv.size()));
            default:
                return routes.tool().apply(argv);
        }
    }

    /** The decision alone, nothing run: the resident server serves only {@link Destination#SHELL}. */
    static Destination destination(List<String> argv, ShellEnvironment env, Set<String> toolCommands) {
        String first = argv.isEmpty() ? "" : argv.get(0);
        if (first.equals("-c")) {
            return Destination.SHELL;
        }
        if (whyRestricted(argv, env).isDefined()) {
            if (!GitAnnexShell.handles(first) && (toolCommands.contains(first) || first.equals(REMOTE_HELPER))) {
                return Destination.REFUSED;
            }
            return Destination.SHELL;
        }
        if (GitAnnexShell.handles(first) && !argv.contains("--help") && !argv.contains("-h")) {
            return Destination.SHELL;
        }
        if (first.equals(REMOTE_HELPER)) {
            return Destination.REMOTE_HELPER;
        }
        return Destination.TOOL;
    }

    private static Option<String> whyRestricted(List<String> argv, ShellEnvironment env) {
        if (env.isSet(ShellEnvironment.LIMITED)) {
            return Option.some(ShellEnvironment.LIMITED + " is set");
        }
        if (env.directory().isDefined()) {
            return Option.some(ShellEnvironment.DIRECTORY + " is set");
        }
        if (argv.isEmpty() && env.isSet("SSH_CONNECTION")) {
            return Option.some("started with no command in an ssh session (a login shell)");
        }
        return Option.none();
    }
}
