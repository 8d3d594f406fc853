package org.annexp2p.pairing.doctor;

import java.util.Objects;

/**
 * One diagnostic result, as {@code annex-p2p doctor --json} prints it:
 * {@code {"name", "status": "ok"|"warn"|"fail"|"skip", "detail"}}.
 */
public record Check(String name, Status status, String detail) {

    public enum Status {
        OK, WARN, FAIL, SKIP;

        /** The JSON spelling. */
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail);
    }

    public static Check warn(String name, String detail) {
        return new Check(name, Status.WARN, detail);
    }

    public static Check fail(String name, String detail) {
        return new Check(name, Status.FAIL, detail);
    }

    public static Check skip(String name, String detail) {
        return new Check(name, Status.SKIP, detail);
    }
}
