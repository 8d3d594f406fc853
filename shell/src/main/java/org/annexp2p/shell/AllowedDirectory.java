package org.annexp2p.shell;

import io.vavr.control.Option;
import java.nio.file.Path;
import org.annexp2p.protocol.wire.ShownText;

/**
 * GIT_ANNEX_SHELL_DIRECTORY: the one repository an ssh key may reach. The check is git-annex-shell's, rule for
 * rule and message for message (checkDirectory/canondir: equal after normalising, else equal once both are made
 * absolute from the home directory, simplified and written {@code ~/...} when inside it; lexical, never following
 * links). What is then opened is where we are stricter: the directory GIT_ANNEX_SHELL_DIRECTORY names, never the
 * client's spelling of it. git-annex-shell opens the client's spelling, and two spellings the check equates can
 * lead elsewhere: {@code ALLOWED/link/..} follows a symlink {@code link} inside the repository out of it, and with
 * GIT_ANNEX_SHELL_DIRECTORY=$HOME/srv/a the spelling {@code ~//srv/a} passes the check and opens {@code /srv/a}.
 * The refusal names the directories with control characters escaped (git-annex-shell prints them raw): the client
 * chose one, and it must not steer the terminal or add a line.
 */
final class AllowedDirectory {
    private AllowedDirectory() {}

    /** Refuses {@code requested} (absent: not known from the command line) unless GIT_ANNEX_SHELL_DIRECTORY allows it. */
    static void check(ShellEnvironment env, Option<String> requested) {
        Option<String> allowed = env.directory();
        if (allowed.isEmpty()) {
            return;
        }
        String d = allowed.get();
        if (requested.isEmpty()) {
            throw new ShellRefusal("Only allowed to access " + ShownText.of(d)
                    + " and could not determine directory from command line");
        }
        String dir = requested.get();
        if (PathText.equalFilePath(d, dir)) {
            return;
        }
        String home = env.home();
        String d1 = canonical(home, d);
        String dir1 = canonical(home, dir);
        if (!PathText.equalFilePath(d1, dir1)) {
            throw new ShellRefusal("Only allowed to access " + ShownText.of(d1) + " not " + ShownText.of(dir1));
        }
    }

    /** git-annex-shell's canondir: {@code ~/x} as written, {@code /~/x} as {@code ~/x}, anything else absolute. */
    static String canonical(String home, String d) {
        if (d.startsWith("~/")) {
            return d;
        }
        if (d.startsWith("/~/")) {
            return d.substring(1);
        }
        return relativeToHome(home, PathText.absPathFrom(home, d));
    }

    /** git-annex's relHome: a path inside the home directory written as {@code ~/...}. */
    static String relativeToHome(String home, String path) {
        return PathText.dirContains(home, path) ? "~/" + PathText.relativePath(home, path) : path;
    }

    /**
     * The directory a git-annex-shell command works in, once {@link #check} has passed: GIT_ANNEX_SHELL_DIRECTORY
     * itself when set, else the client's directory (relative to the home directory, {@code ~} expanded).
     */
    static Path repository(ShellEnvironment env, String requested) {
        return Path.of(absoluteFromHome(env, env.directory().getOrElse(requested)));
    }

    /** git-annex's repoAbsPath: {@code ~}, {@code ~/x}, {@code ~user/x} at the start of any component expanded. */
    static String absoluteFromHome(ShellEnvironment env, String dir) {
        String expanded;
        try {
            expanded = expandTilde(env, dir);
        } catch (NoSuchUser e) {
            expanded = dir;
        }
        return PathText.combine(env.home(), expanded);
    }

    /** A loop, not git-annex's recursion: a client's directory of any length must not exhaust the stack. */
    private static String expandTilde(ShellEnvironment env, String s) {
        StringBuilder out = new StringBuilder();
        boolean componentStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/') {
                out.append('/');
                componentStart = true;
                continue;
            }
            if (componentStart && c == '~') {
                // The first ~ at the start of a component ends the expansion: the rest is kept as written.
                String tail = s.substring(i + 1);
                if (tail.isEmpty()) {
                    return out.append(env.home()).toString();
                }
                int slash = tail.indexOf('/');
                String user = slash < 0 ? tail : tail.substring(0, slash);
                String rest = slash < 0 ? "" : tail.substring(slash + 1);
                String home = user.isEmpty() ? env.home() : env.homeOf(user);
                if (home == null) {
                    throw new NoSuchUser();
                }
                return out.append(PathText.combine(home, rest)).toString();
            }
            out.append(c);
            componentStart = false;
        }
        return out.toString();
    }

    /** git-annex keeps the whole path as written when a {@code ~user} in it names no user. */
    private static final class NoSuchUser extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchUser() {
            super(null, null, false, false);
        }
    }
}
