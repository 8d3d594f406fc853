package org.annexp2p.tor.onion;

import java.nio.file.Path;

/** Where tor forwards connections to an onion service: a loopback TCP port or a unix socket. */
public sealed interface OnionTarget {

    /** The target part of an ADD_ONION {@code Port=} argument. */
    String portLineTarget();

    record LocalPort(int port) implements OnionTarget {
        public LocalPort {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("target port " + port + " is out of range 1-65535");
            }
        }

        @Override
        public String portLineTarget() {
            return "127.0.0.1:" + port;
        }
    }

    record UnixSocket(Path path) implements OnionTarget {
        public UnixSocket {
            // tor's Port= argument is split at ',' and ' '; such a path cannot be expressed, so refuse it early
            if (path == null || !path.isAbsolute() || path.toString().matches(".*[\\s,\"].*")) {
                throw new IllegalArgumentException("onion target socket must be an absolute path without spaces,"
                        + " commas or quotes: " + path);
            }
        }

        @Override
        public String portLineTarget() {
            return "unix:" + path;
        }
    }
}
