package org.annexp2p.shell;

import io.vavr.control.Option;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.repository.Caller;
import org.annexp2p.repository.GitEnvironment;
import org.annexp2p.transports.stdio.StdioConnection;

/**
 * annex-p2p as git-annex-shell: what runs for {@code annex-p2p -c STRING} (a login shell or an authorized_keys
 * forced command), for {@code annex-p2p p2pstdio|configlist DIRECTORY ...}, and for anything at all while
 * GIT_ANNEX_SHELL_LIMITED or _DIRECTORY is set. It can run exactly two things: the git-annex-shell commands we
 * implement ({@code p2pstdio}, {@code configlist}) and git-shell. annex-p2p's own commands are not reachable from
 * here by construction: this class has no way to call them.
 *
 * <p>The rules are git-annex-shell's (CmdLine/GitAnnexShell.hs run/builtin/external, Checks.hs), messages and exit
 * codes included, except where we are deliberately stricter: the directory opened is GIT_ANNEX_SHELL_DIRECTORY's
 * own ({@link AllowedDirectory}); a git command's directory is checked as git-shell will read it too, and handed
 * to git-shell as the allowed directory; and under GIT_ANNEX_SHELL_READONLY or _APPENDONLY only git-upload-pack
 * and git-upload-archive reach git-shell (git-annex-shell lets git-receive-pack through unless _LIMITED is set).
 *
 * <p>The module's one way in: {@link #route} for a whole command line (is this process the shell at all?) and
 * {@link #run} for one the caller already knows is the shell's.
 */
public final class RestrictedShell {
    static final String NAME = "annex-p2p";

    /** git-annex-shell's commands by the least restrictive server mode that allows them. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of("configlist", "notifychanges", "p2pstdio", "inannex", "sendkey");
    private static final Set<String> APPEND_ONLY_COMMANDS = Set.of("configlist", "notifychanges", "p2pstdio", "inannex", "sendkey", "recvkey");
    private static final Set<String> ALL_COMMANDS = Set.of("configlist", "notifychanges", "p2pstdio", "inannex", "sendkey", "recvkey",
            "dropkey", "gcryptsetup");

    /**
     * The caller's terminal: where configlist prints ({@code out}) and errors go ({@code err}), a failure in the one
     * line a user reads ({@code words}), whether --debug was given (stack traces, the protocol transcript), and the
     * transcript that p2pstdio writes when it is on.
     */
    public record Io(PrintStream out, PrintStream err, Function<Throwable, String> words, boolean debug,
            Transcript transcript) {}

    /** What is not the shell's: the remote helper, the tool, and the tool's command names (refused by name here). */
    public record Elsewhere(Function<List<String>, Integer> remoteHelper, Function<List<String>, Integer> tool,
            Set<String> toolCommands) {}

    /** Runs {@code argv} as the shell, the remote helper or the tool, as {@link Invocation} decides; its exit code. */
    public static int route(List<String> argv, Map<String, String> env, Io io, Elsewhere elsewhere) {
        ShellEnvironment shellEnv = ShellEnvironment.ofProcess(env);
        return Invocation.route(argv, shellEnv, new Invocation.Routes(a -> standIn(shellEnv, io).run(a),
                elsewhere.remoteHelper(), elsewhere.tool(), elsewhere.toolCommands()), io.err());
    }

    /** Runs {@code argv} as the shell: a command line that can only be git-annex-shell's. */
    public static int run(List<String> argv, Map<String, String> env, Io io) {
        return standIn(ShellEnvironment.ofProcess(env), io).run(argv);
    }

    /**
     * A resident server's session: its own standard streams, its environment (the whole of it: it replaces this
     * process's, it is not merged with it) and its current directory. Nothing of this process's stdio is touched.
     */
    public record Session(InputStream in, OutputStream out, OutputStream err, Map<String, String> env, Path directory) {
        public Session {
            env = Map.copyOf(env);
        }
    }

    /** Whether {@link #route} would run {@code argv} as the shell, decided without running anything. */
    public static boolean isShell(List<String> argv, Map<String, String> env, Set<String> toolCommands) {
        return Invocation.destination(argv, ShellEnvironment.ofProcess(env), toolCommands) == Invocation.Destination.SHELL;
    }

    /**
     * Runs {@code argv}, a command line {@link #isShell} accepted, as the shell in {@code session}: what the direct
     * path does, with the session's streams, environment and directory in place of this process's. {@code io}'s
     * streams must print to the session's.
     */
    public static int run(List<String> argv, Session session, Io io) {
        ShellEnvironment env = ShellEnvironment.ofProcess(session.env());
        // The session's streams are unbuffered frames; p2pstdio's writes are gathered as they are on fd 1.
        Supplier<StdioConnection> stdio = () -> new StdioConnection(session.in(),
                new BufferedOutputStream(session.out(), SESSION_BUFFER), "session");
        GitEnvironment git = GitEnvironment.of(session.env(), session.directory());
        // Warnings in the line the direct path's log prints (cli's log format), on the session's stderr.
        Caller caller = new Caller(git, warning -> io.err().println(NAME + ": " + warning));
        return new RestrictedShell(env, GitAnnexShell.builtins(env, io, stdio, caller), GitShell.inSession(session),
                io).run(argv);
    }

    private static final int SESSION_BUFFER = 64 * 1024;

    /** Our p2pstdio and configlist over this process's stdio, the git-shell on PATH. */
    private static RestrictedShell standIn(ShellEnvironment env, Io io) {
        return new RestrictedShell(env, GitAnnexShell.builtins(env, io, StdioConnection::ofThisProcess, Caller.THIS_PROCESS),
                GitShell.onPath(), io);
    }

    /** One of git-annex-shell's commands, run in {@code repository} (the client spelt it {@code spelt}). */
    interface Builtin {
        int run(Path repository, String spelt, ShellArgs args) throws IOException;
    }

    private final ShellEnvironment env;
    private final Map<String, Builtin> builtins;
    private final GitShell gitShell;
    private final Io io;

    RestrictedShell(ShellEnvironment env, Map<String, Builtin> builtins, GitShell gitShell, Io io) {
        if (!ALL_COMMANDS.containsAll(builtins.keySet())) {
            throw new IllegalArgumentException("not git-annex-shell commands: " + builtins.keySet());
        }
        this.env = env;
        this.builtins = Map.copyOf(builtins);
        this.gitShell = gitShell;
        this.io = io;
    }

    /** Runs a command line; refusals are one line (the usage after "bad parameters") and exit 1. */
    int run(List<String> argv) {
        try {
            return dispatch(argv);
        } catch (ShellRefusal r) {
            io.err().println(NAME + ": " + r.getMessage());
        } catch (IOException | RuntimeException e) {
            io.err().println(NAME + ": " + io.words().apply(e));
            if (io.debug()) {
                e.printStackTrace(io.err());
            }
        }
        return 1;
    }

    private int dispatch(List<String> argv) throws IOException {
        List<String> c = argv;
        while (true) {
            // Leading -c options, as ssh passes them.
            while (!c.isEmpty() && c.get(0).equals("-c")) {
                c = c.subList(1, c.size());
            }
            if (c.isEmpty()) {
                throw ShellRefusal.badParameters();
            }
            String cmd = c.get(0);
            if (c.size() >= 2) {
                return ALL_COMMANDS.contains(cmd) ? builtin(cmd, c.get(1), c.subList(2, c.size())) : external(c);
            }
            // One word: as a login shell, the whole command line in one string.
            if (cmd.startsWith("git-annex-shell ")) {
                List<String> words = ShellWords.split(cmd);
                c = words.subList(1, words.size());
                continue;
            }
            if (ALL_COMMANDS.contains(cmd)) {
                throw ShellRefusal.badParameters();
            }
            return external(c);
        }
    }

    private int builtin(String cmd, String dir, List<String> params) throws IOException {
        if (!READ_ONLY_COMMANDS.contains(cmd)) {
            refuseIfSet(ShellEnvironment.READONLY);
        }
        if (!APPEND_ONLY_COMMANDS.contains(cmd)) {
            refuseIfSet(ShellEnvironment.APPENDONLY);
        }
        AllowedDirectory.check(env, Option.some(dir));
        Builtin b = builtins.get(cmd);
        if (b == null) {
            throw new ShellRefusal(cmd + " is not supported: annex-p2p implements only p2pstdio and configlist of "
                    + "git-annex-shell's commands (git-annex uses p2pstdio for all transfers)");
        }
        return b.run(AllowedDirectory.repository(env, dir), dir, ShellArgs.parse(params));
    }

    private int external(List<String> params) {
        // git's commands take the directory last; git-annex-shell checks that word.
        List<String> lastWords = ShellWords.split(params.get(params.size() - 1));
        AllowedDirectory.check(env, lastWords.isEmpty() ? Option.none() : Option.some(lastWords.get(lastWords.size() - 1)));
        refuseIfSet(ShellEnvironment.LIMITED);
        int marker = params.indexOf("--");
        List<String> command = new ArrayList<>(marker < 0 ? params : params.subList(0, marker));
        GitShellCommand git = command.size() == 1 ? GitShellCommand.parse(command.get(0)) : GitShellCommand.OTHER;
        if (!git.readsOnly()) {
            refuseWriteIfSet(ShellEnvironment.READONLY);
            refuseWriteIfSet(ShellEnvironment.APPENDONLY);
        }
        if (env.directory().isDefined() && git.opensRepository() && git.directory().isDefined()) {
            AllowedDirectory.check(env, git.directory());
            command.set(0, git.withDirectory(AllowedDirectory.absoluteFromHome(env, env.directory().get())));
        }
        List<String> args = new ArrayList<>(List.of("-c"));
        args.addAll(command);
        if (gitShell.run(args) != 0) {
            throw new ShellRefusal("git-shell failed");
        }
        return 0;
    }

    private void refuseIfSet(String variable) {
        if (env.isSet(variable)) {
            throw new ShellRefusal("Action blocked by " + variable);
        }
    }

    private void refuseWriteIfSet(String variable) {
        if (env.isSet(variable)) {
            throw new ShellRefusal("Action blocked by " + variable + ": only git-upload-pack and git-upload-archive "
                    + "are passed to git-shell then");
        }
    }
}
