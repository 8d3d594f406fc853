package org.annexp2p.tor.onion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The torrc lines git-annex's {@code enable-tor} appends for the system-tor way (Utility/Tor.hs
 * {@code addHiddenService}), for people who prefer it to ADD_ONION. git-annex's remotedaemon finds the socket
 * only when the {@code HiddenServicePort} line immediately follows the {@code HiddenServiceDir} line, so the
 * two are always emitted together.
 */
public record SystemTorConfig(long uid, String repoUuid, int port) {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9A-Za-z-]{1,64}");

    public SystemTorConfig {
        if (uid < 0) {
            throw new IllegalArgumentException("uid " + uid + " is negative");
        }
        if (repoUuid == null || !UUID_TEXT.matcher(repoUuid).matches()) {
            throw new IllegalArgumentException("repository uuid must be letters, digits and '-'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
    }

    /**
     * The lines for the repository whose top directory is {@code top}: the uid in the paths is that directory's
     * owner, the user whose remotedaemon will listen on the socket, whoever runs this.
     */
    public static SystemTorConfig forRepositoryAt(Path top, String repoUuid, int port) throws IOException {
        long owner = ((Number) Files.getAttribute(top, "unix:uid")).longValue();
        return new SystemTorConfig(owner, repoUuid, port);
    }

    public Path hiddenServiceDir() {
        return Path.of("/var/lib/tor/tor-annex_" + uid + "_" + repoUuid);
    }

    /** The unix socket tor forwards to and git-annex's remotedaemon listens on. */
    public Path socketFile() {
        return Path.of("/var/lib/tor-annex/" + uid + "_" + repoUuid + "/s");
    }

    /** A blank line, then the two adjacent lines, as git-annex writes them. */
    public String torrcLines() {
        return "\nHiddenServiceDir " + hiddenServiceDir() + "\nHiddenServicePort " + port + " unix:" + socketFile() + "\n";
    }
}
