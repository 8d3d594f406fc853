package org.annexp2p.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.annexp2p.interpreters.net.Transcript;

/**
 * The restricted shell and the routing in front of it with every way out replaced by a recorder: our two
 * git-annex-shell commands, git-shell, the remote helper and the tool's picocli entry. Nothing runs.
 */
final class ShellHarness {
    /**
     * annex-p2p's command names (cli's Commands.names()) as the tool had them when this module was split from it.
     * The shell treats every name alike: only its refusal message names it, so any list shows the rules.
     */
    static final List<String> TOOL_COMMANDS = List.of("demo", "get", "put", "checkpresent", "lock", "remove", "serve",
            "token", "p2p", "enable-tor", "pair", "doctor", "p2pstdio", "configlist", "wormhole", "help");

    record BuiltinCall(String command, Path repository, String spelt, ShellArgs args) {}

    final Map<String, String> variables = new HashMap<>(Map.of("HOME", "/home/u"));
    final List<BuiltinCall> builtinCalls = new ArrayList<>();
    final List<List<String>> gitShellCalls = new ArrayList<>();
    final List<List<String>> toolCalls = new ArrayList<>();
    final List<List<String>> remoteHelperCalls = new ArrayList<>();
    int gitShellExit = 128;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ShellHarness with(String variable, String value) {
        variables.put(variable, value);
        return this;
    }

    ShellEnvironment environment() {
        return ShellEnvironment.of(variables);
    }

    RestrictedShell shell() {
        Map<String, RestrictedShell.Builtin> builtins = new HashMap<>();
        for (String name : List.of("p2pstdio", "configlist")) {
            builtins.put(name, (repository, spelt, args) -> {
                builtinCalls.add(new BuiltinCall(name, repository, spelt, args));
                return 0;
            });
        }
        return new RestrictedShell(environment(), builtins, args -> {
            gitShellCalls.add(List.copyOf(args));
            return gitShellExit;
        }, io());
    }

    /** Stderr recorded; a failure in words as its message; no --debug. */
    RestrictedShell.Io io() {
        PrintStream printer = new PrintStream(err, true, StandardCharsets.UTF_8);
        return new RestrictedShell.Io(printer, printer, Throwable::getMessage, false, Transcript.NONE);
    }

    /** As {@link RestrictedShell#route} routes a command line. */
    int route(String... argv) {
        return Invocation.route(List.of(argv), environment(), new Invocation.Routes(
                a -> shell().run(a),
                a -> {
                    remoteHelperCalls.add(List.copyOf(a));
                    return 0;
                },
                a -> {
                    toolCalls.add(List.copyOf(a));
                    return 0;
                },
                Set.copyOf(TOOL_COMMANDS)), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** What was printed on stderr so far. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The first line printed, after "annex-p2p: ". */
    String message() {
        String first = err().lines().findFirst().orElse("");
        return first.startsWith("annex-p2p: ") ? first.substring("annex-p2p: ".length()) : first;
    }
}
