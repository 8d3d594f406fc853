package org.annexp2p.tor.control;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What we may use to authenticate. The method itself is chosen from tor's PROTOCOLINFO reply: none if tor
 * allows it, else the password if one is given, else SAFECOOKIE, else COOKIE (from {@code cookieFile} or the
 * file tor names).
 */
public record ControlAuth(Optional<Path> cookieFile, Optional<String> password) {

    public ControlAuth {
        if (cookieFile == null || password == null) {
            throw new IllegalArgumentException("use Optional.empty() for absent credentials");
        }
    }

    /** Whatever tor offers: no auth or its cookie file. */
    public static ControlAuth automatic() {
        return new ControlAuth(Optional.empty(), Optional.empty());
    }

    public static ControlAuth cookie(Path file) {
        return new ControlAuth(Optional.of(file), Optional.empty());
    }

    public static ControlAuth password(String password) {
        return new ControlAuth(Optional.empty(), Optional.of(password));
    }

    @Override
    public String toString() {
        return "ControlAuth[cookieFile=" + cookieFile + ", password=" + (password.isPresent() ? "<set>" : "<none>") + "]";
    }
}
