package org.annexp2p.http.wire;

import io.vavr.control.Option;
import org.annexp2p.protocol.wire.ProtocolVersion;

/** The protocol version in a p2phttp path: {@code v0} to {@code v4}; anything else is a path we do not serve. */
public final class ApiVersion {
    private ApiVersion() {}

    public static Option<ProtocolVersion> parse(String segment) {
        if (segment.length() != 2 || segment.charAt(0) != 'v') {
            return Option.none();
        }
        int n = segment.charAt(1) - '0';
        return n >= 0 && n <= ProtocolVersion.MAX.value() ? Option.some(new ProtocolVersion(n)) : Option.none();
    }

    public static String format(ProtocolVersion version) {
        return "v" + version.value();
    }
}
