package org.annexp2p.cli.pairing;

import java.io.IOException;
import java.nio.file.Path;
import org.annexp2p.testkit.wormhole.WormholeServers;

/** {@link WormholeServers} for tests outside this package: the Debian mailbox server and transit relay on loopback. */
public final class LocalWormhole implements AutoCloseable {
    private final WormholeServers servers;

    private LocalWormhole(WormholeServers servers) {
        this.servers = servers;
    }

    /** Starts both servers, failing (never skipping) when their Debian packages are missing. */
    public static LocalWormhole start(Path dir) throws IOException {
        return new LocalWormhole(WormholeServers.start(dir));
    }

    /** For {@code --relay-url}. */
    public String relayUrl() {
        return servers.relayUrl();
    }

    /** For {@code --transit-helper}. */
    public String transitHelper() {
        return servers.transitHelper();
    }

    @Override
    public void close() {
        servers.close();
    }
}
