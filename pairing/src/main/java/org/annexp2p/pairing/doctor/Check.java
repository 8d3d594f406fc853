package org.annexp2p.pairing.doctor;

import java.util.Objects;

/**
 * One diagnostic result: what was found ({@code reason}) and what to do about it ({@code fix}). A fix is given
 * exactly when something is wrong: empty for {@code ok} and {@code skip}, never empty for {@code warn} and
 * {@code fail}, so a person is never told only that something failed.
 */
public record Check(String name, Status status, String reason, String fix) {

    public enum Status {
        OK, WARN, FAIL, SKIP;

        /** The JSON spelling. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean needsFix() {
            return this == WARN || this == FAIL;
        }
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(fix, "fix");
        if (status.needsFix() == fix.isBlank()) {
            throw new IllegalArgumentException(status.needsFix() ? "a " + status.json() + " check needs a fix"
                    : "an " + status.json() + " check has nothing to fix");
        }
    }

    /**
     * The one line {@code annex-p2p doctor} prints (and {@code --json} calls {@code "detail"}): the reason, then
     * the fix after a semicolon.
     */
    public String detail() {
        return fix.isEmpty() ? reason : reason + "; " + fix;
    }

    public static Check ok(String name, String reason) {
        return new Check(name, Status.OK, reason, "");
    }

    public static Check warn(String name, String reason, String fix) {
        return new Check(name, Status.WARN, reason, fix);
    }

    public static Check fail(String name, String reason, String fix) {
        return new Check(name, Status.FAIL, reason, fix);
    }

    public static Check skip(String name, String reason) {
        return new Check(name, Status.SKIP, reason, "");
    }
}
