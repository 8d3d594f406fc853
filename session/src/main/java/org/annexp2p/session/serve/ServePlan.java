package org.annexp2p.session.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.annexp2p.protocol.wire.ShownText;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.lan.LanPlugin;
import org.annexp2p.session.network.NetworkServing;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.plugin.tcp.PlaintextWarning;
import org.annexp2p.tor.OnionServing;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.transports.ConnectionServer;

/**
 * Where a repository is served ({@code serve}'s options, or any front end's choice): a {@code tcp://}/{@code tls://}
 * listener, a LAN one, its onion through the tor {@code tor} chooses, and every enabled generic network.
 *
 * @param listen {@code --listen}'s {@code HOST:PORT}, {@code tls://} or {@code tcp://} address, if asked
 * @param lanListen where LAN-paired peers are served, if asked
 * @param discoveryPort the UDP port the LAN listener answers where-is queries on
 * @param tor the tor that publishes the onion, given where the onion keeps its state, if asked
 * @param networks the enabled generic networks ({@link ServeSetup#enabledNetworks}), each served or said why not
 */
public record ServePlan(Optional<String> listen, Optional<String> lanListen, int discoveryPort,
        Optional<Function<RepositoryOnion, TorOptions>> tor, List<NetworkAddress> networks) {

    public ServePlan {
        networks = List.copyOf(networks);
    }

    /** Whether a listener was asked for (the networks are served without one). */
    public boolean listens() {
        return listen.isPresent() || lanListen.isPresent() || tor.isPresent();
    }

    /**
     * The networks enabled in the repository at {@code dir} ({@link ServeSetup#enabledNetworks}); none where there is
     * no repository yet, so that a front end can say what to serve before it says that the repository is missing.
     */
    public static List<NetworkAddress> networksEnabledAt(Path dir) {
        try {
            return ServeSetup.enabledNetworks(AnnexRepository.open(dir));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether there is nothing at all to serve: no listener asked for and no network enabled. */
    public boolean servesNothing() {
        return !listens() && networks.isEmpty();
    }

    /**
     * Starts every listener on {@code setup}, saying each step in one line to {@code say} (the onion's events go to
     * {@code watcher}), and returns the lines that tell peers where to connect: a front end shows them once it is
     * ready to be stopped. Fails when nothing at all could be served.
     */
    public List<String> start(ServeSetup setup, OnionServing.Watcher watcher, Consumer<String> say) throws Exception {
        String what = setup.described();
        if (tor.isPresent()) {
            RepositoryOnion onion = setup.repositoryOnion();
            OnionServing served = setup.onion(tor.get().apply(onion), onion, watcher);
            served.session().stoppedLeftover().ifPresent(pid -> say.accept("annex-p2p: note: stopped tor (pid " + pid
                    + ") that an earlier annex-p2p left running for this repository"));
            say.accept("serving " + what + " on " + served.address().format());
        }
        StandardPlugins plugins = setup.plugins(discoveryPort);
        ConnectionServer server = null;
        if (listen.isPresent()) {
            ListenPlan plan = ListenPlan.choose(listen.get());
            if (plan.plaintextOffLoopback()) {
                say.accept(PlaintextWarning.forServer(listen.get()));
            }
            server = setup.listen(plugins, plan, line -> say.accept("annex-p2p: " + line));
        }
        LanPlugin.LanListener lan = lanListen.isEmpty() ? null : setup.listenLan(plugins, lanListen.get(),
                line -> say.accept(ShownText.of("annex-p2p: " + line)));
        int served = 0;
        for (NetworkAddress network : networks) {
            served += serveNetwork(setup, network, what, say) ? 1 : 0;
        }
        if (!listens() && served == 0) {
            throw new IOException("no enabled network could be served");
        }
        List<String> banner = new ArrayList<>();
        if (server != null) {
            banner.addAll(ServeBanner.banner(what, server.address()));
        }
        if (lan != null) {
            banner.add("serving " + what + " on " + lan.described());
            if (lan.whereIsPeers() > 0) {
                banner.add("answering where-is queries from " + lan.whereIsPeers() + " paired peer(s) on UDP port "
                        + discoveryPort);
            }
        }
        return banner;
    }

    /** Serves one network, or says in one line why not and goes on, as git-annex's remotedaemon does. */
    private static boolean serveNetwork(ServeSetup setup, NetworkAddress network, String what, Consumer<String> say) {
        try {
            NetworkServing served = setup.network(network, HelperSearch.fromEnvironment(),
                    line -> say.accept(ShownText.of("annex-p2p: " + line)));
            say.accept("serving " + what + " on " + network + " (through " + network.helper() + ", listening on "
                    + served.socket() + ")");
            return true;
        } catch (IOException e) {
            say.accept(ShownText.of("annex-p2p: unable to serve the " + network.netName() + " network: " + e.getMessage()));
            return false;
        }
    }
}
