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
}
