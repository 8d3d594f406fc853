package org.annexp2p.shell;

/**
 * git-annex-shell's {@code giveup}: the one line it prints after its name, then exit 1. Thrown by the checks of
 * {@link RestrictedShell}; carries no stack trace, it is an answer, not a fault.
 */
final class ShellRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ShellRefusal(String message) {
        super(message, null, false, false);
    }

    /** git-annex-shell's answer to a command line it cannot read: its usage, ours here. */
    static ShellRefusal badParameters() {
        return new ShellRefusal(String.join("\n",
                "bad parameters",
                "",
                "Usage: " + RestrictedShell.NAME + " [-c] command [parameters ...] [option ...]",
                "",
                "Commands (git-annex-shell's, those annex-p2p implements):",
                "",
                "configlist DIRECTORY       outputs relevant git configuration",
                "p2pstdio   DIRECTORY UUID  communicate in P2P protocol over stdio",
                "",
                "Other commands (git-upload-pack, git-receive-pack, git-upload-archive) go to git-shell: none under",
                "GIT_ANNEX_SHELL_LIMITED, and under GIT_ANNEX_SHELL_READONLY or _APPENDONLY only git-upload-pack and",
                "git-upload-archive (git-annex-shell lets git-receive-pack through there; annex-p2p does not)."));
    }
}
