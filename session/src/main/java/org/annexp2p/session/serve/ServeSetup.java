package org.annexp2p.session.serve;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.serving.ServedWay;
import org.annexp2p.repository.serving.ServingRecord;
import org.annexp2p.session.StandardPlugins;
import org.annexp2p.session.lan.LanPlugin;
import org.annexp2p.session.network.NetworkServing;
import org.annexp2p.session.plugin.Listening;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.session.plugin.tcp.ListenPlan;
import org.annexp2p.tor.OnionServing;
import org.annexp2p.tor.TorOptions;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.tcp.TlsAddress;

/**
 * One repository served to token-authenticated peers, on as many listeners as asked (a {@code tcp://} or
 * {@code tls://} one, a LAN one, an onion, each enabled generic network), all with the same limits. Each listener is started by its own call so
 * that a front end can say what it is doing between them; closing closes them in reverse order, so each server stops
 * accepting (its port free at once) and lets its connections finish within its grace, and tor goes last.
 */
public final class ServeSetup implements Closeable {
    /** How long an onion is probed through Tor before it is said not to be confirmed reachable. */
    private static final Duration ONION_PROBE_TIMEOUT = Duration.ofMinutes(5);

    private final AnnexRepository repository;
    private final ServerMode mode;
    private final Serving serving;
    private final Function<Serving.AcceptedTokens, Serving> servingWith;
    private final ServerOptions limits;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final List<String> places = new ArrayList<>();
    private final ServingRecord.Entry record;

    private ServeSetup(AnnexRepository repository, ServerMode mode, Function<Serving.AcceptedTokens, Serving> servingWith,
            ServerOptions limits) {
        this.repository = repository;
        this.mode = mode;
        this.servingWith = servingWith;
        this.serving = servingWith.apply(() -> repository.creds().acceptedTokens());
        this.limits = limits;
        this.record = ServingRecord.of(repository.annexDir()).begin();
    }

    /** Serving {@code repository} in {@code mode} to peers holding one of its accepted tokens (re-read per peer). */
    public static ServeSetup of(AnnexRepository repository, ServerMode mode, ServeLimits limits, Transcript transcript) {
        GitRelays relays = new GitRelays(repository.top(), null, null);
        return new ServeSetup(repository, mode, tokens -> new Serving(repository, mode, tokens, relays, transcript),
                limits.serverOptions());
    }

    /** What is served: the repository's UUID and its mode, e.g. {@code UUID (read-only)}. */
    public String described() {
        return repository.uuid() + " (" + mode.name().toLowerCase().replace('_', '-') + ")";
    }

    /** Whether no peer could authenticate yet: the repository accepts no token. */
    public boolean acceptsNoToken() throws IOException {
        return repository.creds().acceptedTokens().isEmpty();
    }

    /** The repository's onion, served through the tor {@code options} choose; tor's events go to {@code watcher}. */
    public OnionServing onion(TorOptions options, RepositoryOnion onion, OnionServing.Watcher watcher) throws Exception {
        OnionServing served = own(OnionServing.start(options, onion, serving, limits, ONION_PROBE_TIMEOUT, watcher));
        served(served.address().format(), "tor", served.address().format(), line -> { });
        return served;
    }

    /** The repository's onion as {@link RepositoryOnion} keeps it in the repository. */
    public RepositoryOnion repositoryOnion() {
        return RepositoryOnion.of(repository.annexDir(), repository.creds());
    }

    /** The plugins the listeners come from, closed after them (discovery answers to {@code discoveryPort}). */
    public StandardPlugins plugins(int discoveryPort) {
        return own(StandardPlugins.of(new StandardPlugins.Settings(null, discoveryPort)));
    }

    /** Serves where {@code plan} says; {@code notices} get the listener's one-line notes. */
    public ConnectionServer listen(StandardPlugins plugins, ListenPlan plan, Consumer<String> notices) throws IOException {
        ConnectionServer server = own(ConnectionServer.start(plugins.listen(plan, new Listening(repository, notices)),
                serving, limits));
        boolean tls = server.address().startsWith(TlsAddress.SCHEME);
        String place = tls ? server.address() : "tcp://" + server.address();
        served(place, tls ? "tls" : "tcp", place, notices);
        return server;
    }

    /** Serves over TLS at {@code hostPort} to LAN-paired peers only, answering their where-is queries. */
    public LanPlugin.LanListener listenLan(StandardPlugins plugins, String hostPort, Consumer<String> notices)
            throws IOException {
        LanPlugin.LanListener listener = plugins.lan().listen(LanPlugin.listenAddress(hostPort), new Listening(repository, notices));
        try {
            own(ConnectionServer.start(listener, serving, limits));
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        served(listener.described(), "lan", "lan://" + listener.address(), notices);
        return listener;
    }

    /** Our addresses on generic networks ({@code p2p --enable}), from p2paddrs; lines that do not parse are skipped. */
    public static List<NetworkAddress> enabledNetworks(AnnexRepository repository) throws IOException {
        List<NetworkAddress> networks = new ArrayList<>();
        for (String own : repository.creds().ownAddresses()) {
            if (own.startsWith(NetworkAddress.SCHEME)) {
                try {
                    networks.add(NetworkAddress.parse(own));
                } catch (MalformedAddressException ignored) {
                    // not an address we could serve; git-annex skips such lines too
                }
            }
        }
        return networks;
    }

    /**
     * Serves {@code address} on its unix socket through its helper, accepting only the tokens issued for that
     * address (re-read per peer), as git-annex's remotedaemon does; the helper is found by {@code search}, and its
     * exits go to {@code notices}.
     */
    public NetworkServing network(NetworkAddress address, HelperSearch search, Consumer<String> notices) throws IOException {
        String written = address.toString();
        Serving scoped = servingWith.apply(() -> AddressTokens.acceptedOn(repository.creds(), written));
        NetworkServing served = own(NetworkServing.start(repository.annexDir(), repository.top(), address, scoped,
                limits, search, notices));
        served(written, ServedWay.network(address.netName()), written, notices);
        return served;
    }

    /** Says where it serves, and records it for the page's status ({@link ServingRecord}); a failure to record is a note. */
    private void served(String place, String kind, String address, Consumer<String> notices) {
        places.add(place);
        try {
            record.add(kind, address);
        } catch (IOException | IllegalArgumentException e) {
            notices.accept("note: " + address + " is served but not recorded in " + ServingRecord.DIRECTORY + ": " + e.getMessage());
        }
    }

    /** Where it serves, in the order the listeners started. */
    public List<String> places() {
        return List.copyOf(places);
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public void close() throws IOException {
        record.close();
        Throwable first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof IOException io) {
            throw io;
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first != null) {
            throw new IOException(first);
        }
    }
}
