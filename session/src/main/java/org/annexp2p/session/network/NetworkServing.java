package org.annexp2p.session.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.transports.ConnectionHandler;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.Listener;
import org.annexp2p.transports.ServerOptions;

/**
 * One of our addresses on a generic network, served as git-annex's remotedaemon serves it: a server on the
 * address's unix socket ({@link NetworkSocket}) and the helper {@code git-annex-p2p-NETNAME ADDRESS SOCKET} kept
 * running to carry the network's peers to it, SOCKET as git-annex gives it ({@link SocketPath#forHelperIn}). The handler given accepts only the tokens issued for this address.
 * Closing stops the helper first (no new peers), then the server.
 */
public final class NetworkServing implements AutoCloseable {
    private final NetworkAddress address;
    private final ConnectionServer server;
    private final HelperWatch helper;

    private NetworkServing(NetworkAddress address, ConnectionServer server, HelperWatch helper) {
        this.address = address;
        this.server = server;
        this.helper = helper;
    }

    /**
     * Serves {@code address} of the repository whose annex directory is {@code annexDir} (the helper runs in
     * {@code top}); the helper's exits and restarts are told to {@code notices}.
     */
    public static NetworkServing start(Path annexDir, Path top, NetworkAddress address, ConnectionHandler handler,
            ServerOptions limits, HelperSearch search, Consumer<String> notices) throws IOException {
        Path helperPath = search.find(address.helper()).orElseThrow(() -> new IOException(address.helper()
                + " is not on PATH; install the " + address.netName() + " network's helper"));
        Path socket = NetworkSocket.of(annexDir, address);
        Path given = SocketPath.forHelperIn(top, socket);
        Listener listener = NetworkSocket.listen(socket);
        ConnectionServer server;
        try {
            server = ConnectionServer.start(listener, handler, limits);
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        HelperWatch helper = new HelperWatch(List.of(helperPath.toString(), address.address(), given.toString()), top,
                address.helper(), notices);
        try {
            helper.start();
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot run " + helperPath + " (" + e.getMessage() + ")", e);
        }
        return new NetworkServing(address, server, helper);
    }

    /** The address served. */
    public NetworkAddress address() {
        return address;
    }

    /** Where peers reach the server: {@code unix:PATH}. */
    public String socket() {
        return server.address();
    }

    /** The helper's process id while it runs. */
    public OptionalLong helperPid() {
        return helper.pid();
    }

    @Override
    public void close() {
        try {
            helper.close();
        } finally {
            server.close();
        }
    }
}
