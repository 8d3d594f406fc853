package org.annexp2p.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.session.plugin.TransportPlugin;
import org.annexp2p.session.plugin.TransportPlugins;
import org.annexp2p.session.plugin.exec.ExecPlugin;
import org.annexp2p.session.plugin.http.AnnexHttpPlugin;
import org.annexp2p.session.plugin.onion.OnionPlugin;
import org.annexp2p.session.lan.LanPlugin;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.session.plugin.tcp.SharedTcp;
import org.annexp2p.session.plugin.tcp.TcpPlugin;
import org.annexp2p.session.plugin.tcp.TlsPlugin;
import org.annexp2p.transports.Listener;

/**
 * The plugins this tool speaks, built from the user's settings, in one place: {@code tls://}, {@code tcp://},
 * {@code lan://}, {@code tor-annex::}, {@code p2p-annex::} and {@code annex+http(s)://} for {@code --address} (in the order messages list them), {@code --exec}
 * for commands, and {@code serve --listen}. Closing it closes the TCP transport they share, so it is closed after
 * the sessions and listeners it made.
 */
public final class StandardPlugins implements AutoCloseable {

    /**
     * What the user set for the plugins.
     *
     * @param torSocks --tor-socks, or null for $ANNEX_P2P_TOR_SOCKS or tor's default
     * @param discoveryPort the UDP port where LAN peers are asked where they are now
     */
    public record Settings(String torSocks, int discoveryPort) {}

    private final SharedTcp tcp = new SharedTcp();
    private final TcpPlugin plaintext = new TcpPlugin(tcp);
    private final TlsPlugin tls = new TlsPlugin(tcp);
    private final ExecPlugin exec = new ExecPlugin();
    private final LanPlugin lan;
    private final OnionPlugin onion;
    private final TransportPlugins addresses;

    private StandardPlugins(Settings settings) {
        this.lan = new LanPlugin(settings.discoveryPort());
        this.onion = new OnionPlugin(settings.torSocks());
        this.addresses = TransportPlugins.of(List.of(tls, plaintext, lan, onion, org.annexp2p.session.plugin.net.NetworkPlugin.onPath(),
                new AnnexHttpPlugin(System.getenv())));
    }

    /** The standard plugins for what the user set. */
    public static StandardPlugins of(Settings settings) {
        return new StandardPlugins(settings);
    }

    /** The plugins {@code --address} finds by scheme. */
    public TransportPlugins addresses() {
        return addresses;
    }

    /** The plugin for {@code --exec COMMAND}. */
    public ExecPlugin exec() {
        return exec;
    }

    /** The LAN plugin, whose listener accepts only paired keys. */
    public LanPlugin lan() {
        return lan;
    }

    /** Where the onion plugin finds tor's SOCKS port; a bad --tor-socks is a {@code BadUsageException}. */
    public InetSocketAddress torSocks() {
        return onion.socks();
    }

    /** The TLS plugin, whose listener serves the repository's key. */
    public TlsPlugin tls() {
        return tls;
    }

    /** Listens as {@code plan} says: TLS with the repository's key, or plaintext. */
    public Listener listen(ListenPlan plan, Listening listening) throws IOException {
        return plan.tls() ? tls.listen(plan.bind(), listening) : plaintext.listen(plan.bind(), listening);
    }

    @Override
    public void close() {
        tcp.close();
    }
}
