package org.annexp2p.shell;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What git-annex-shell reads from its environment: the GIT_ANNEX_SHELL_* switches, the home directory (HOME first,
 * as git-annex does: the password database may be out of reach under LDAP) and other users' homes for {@code ~user}.
 * A record of functions so that tests give each case its own environment without touching the process's.
 */
record ShellEnvironment(Function<String, String> variables, UnaryOperator<String> homeOfUser) {
    static final String READONLY = "GIT_ANNEX_SHELL_READONLY";
    static final String APPENDONLY = "GIT_ANNEX_SHELL_APPENDONLY";
    static final String LIMITED = "GIT_ANNEX_SHELL_LIMITED";
    static final String DIRECTORY = "GIT_ANNEX_SHELL_DIRECTORY";

    /** A process's {@code variables}, and other users' homes from the password database. */
    static ShellEnvironment ofProcess(Map<String, String> variables) {
        return new ShellEnvironment(variables::get, ShellEnvironment::homeFromPasswd);
    }

    static ShellEnvironment of(Map<String, String> variables) {
        return new ShellEnvironment(variables::get, user -> null);
    }

    /** git-annex-shell's checkEnvSet: set and not empty. */
    boolean isSet(String variable) {
        String v = variables.apply(variable);
        return v != null && !v.isEmpty();
    }

    /** GIT_ANNEX_SHELL_DIRECTORY when set at all: git-annex-shell restricts to the home directory when it is empty. */
    Option<String> directory() {
        return Option.of(variables.apply(DIRECTORY));
    }

    String home() {
        String home = variables.apply("HOME");
        return home != null ? home : System.getProperty("user.home");
    }

    /** The home directory of {@code user}, or null when there is no such user. */
    String homeOf(String user) {
        return homeOfUser.apply(user);
    }

    private static String homeFromPasswd(String user) {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[0].equals(user)) {
                    return f[5];
                }
            }
        } catch (IOException e) {
            // As when the user does not exist: git-annex then keeps the path as written.
        }
        return null;
    }
}
