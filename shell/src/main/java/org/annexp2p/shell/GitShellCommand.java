package org.annexp2p.shell;

import io.vavr.control.Option;
import java.util.List;

/**
 * A command string as git-shell will read it ({@code git-shell -c STRING}): one of its own commands
 * ({@code git-upload-pack 'DIR'}, also spelt {@code git upload-pack 'DIR'}) or anything else, which git-shell runs
 * only from ~/git-shell-commands. Read here with git-shell's rules, not git-annex-shell's, because git-shell is
 * what runs it: the directory git-annex-shell checked (the last word by its own splitting) and the one git-shell
 * opens (the argument by git's single-quote rules) can differ, e.g. {@code git-upload-pack '/srv/b/x'\'' /srv/a'}.
 */
record GitShellCommand(Option<String> name, Option<String> argument) {
    static final String UPLOAD_PACK = "git-upload-pack";
    static final String RECEIVE_PACK = "git-receive-pack";
    static final String UPLOAD_ARCHIVE = "git-upload-archive";
    private static final List<String> OWN = List.of(RECEIVE_PACK, UPLOAD_PACK, UPLOAD_ARCHIVE, "cvs");
    /** Not one of git-shell's own commands (git-shell then looks in ~/git-shell-commands, or refuses). */
    static final GitShellCommand OTHER = new GitShellCommand(Option.none(), Option.none());

    static GitShellCommand parse(String command) {
        String prog = command;
        if (prog.length() > 3 && prog.startsWith("git") && isGitSpace(prog.charAt(3))) {
            prog = "git-" + prog.substring(4);
        }
        for (String own : OWN) {
            if (!prog.startsWith(own)) {
                continue;
            }
            if (prog.length() == own.length()) {
                return new GitShellCommand(Option.some(own), Option.none());
            }
            if (prog.charAt(own.length()) == ' ') {
                return new GitShellCommand(Option.some(own), Option.some(prog.substring(own.length() + 1)));
            }
        }
        return OTHER;
    }

    /** Only reads the repository: what GIT_ANNEX_SHELL_READONLY and _APPENDONLY let through to git-shell. */
    boolean readsOnly() {
        return name.contains(UPLOAD_PACK) || name.contains(UPLOAD_ARCHIVE);
    }

    /** One of git's pack/archive commands, whose argument is the repository. */
    boolean opensRepository() {
        return name.isDefined() && !name.contains("cvs");
    }

    /** The directory git-shell hands to git: the argument, single-quoted as git requires, unquoted; else none. */
    Option<String> directory() {
        return argument.flatMap(GitShellCommand::dequote).filter(d -> !d.startsWith("-"));
    }

    /** The same command for another directory. */
    String withDirectory(String directory) {
        return name.get() + " " + quote(directory);
    }

    /** git's sq_dequote: one '...' string, in which '\'' and '\!' stand for ' and !; anything else is refused. */
    static Option<String> dequote(String arg) {
        if (!arg.startsWith("'")) {
            return Option.none();
        }
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (i < arg.length()) {
            char c = arg.charAt(i);
            if (c != '\'') {
                out.append(c);
                i++;
            } else if (i + 1 == arg.length()) {
                return Option.some(out.toString());
            } else if (arg.charAt(i + 1) == '\\' && i + 3 < arg.length()
                    && (arg.charAt(i + 2) == '\'' || arg.charAt(i + 2) == '!') && arg.charAt(i + 3) == '\'') {
                out.append(arg.charAt(i + 2));
                i += 4;
            } else {
                return Option.none();
            }
        }
        return Option.none();
    }

    /** git's sq_quote: what {@link #dequote} reads back. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''").replace("!", "'\\!'") + "'";
    }

    /** git's isspace: space, tab, newline, carriage return (not form feed or vertical tab). */
    private static boolean isGitSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
