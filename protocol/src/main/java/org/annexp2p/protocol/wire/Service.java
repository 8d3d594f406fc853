package org.annexp2p.protocol.wire;

import io.vavr.control.Option;

/** The git services a CONNECT may ask for. */
public enum Service {
    UPLOAD_PACK("git-upload-pack"),
    RECEIVE_PACK("git-receive-pack");

    private final String wire;

    Service(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Option<Service> parse(String s) {
        for (Service v : values()) {
            if (v.wire.equals(s)) {
                return Option.some(v);
            }
        }
        return Option.none();
    }
}
