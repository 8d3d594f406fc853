package org.annexp2p.tor;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.control.ControlEndpoint;
import org.annexp2p.tor.launch.TorProcess;

/** Decides which tor to use (attach or launch, per {@link TorPolicy}) and where its SOCKS port is. */
final class TorConnector implements java.io.Closeable {

    /** Where tor's control port usually is: tor's default, Tor Browser's, Debian's ControlSocket. */
    static final List<String> USUAL_CONTROL = List.of("127.0.0.1:9051", "127.0.0.1:9151", "unix:/run/tor/control",
            "unix:/var/run/tor/control");
    static final InetSocketAddress DEFAULT_SOCKS = new InetSocketAddress("127.0.0.1", 9050);

    /** A live control connection, and the process when we launched it. */
    record Connected(ControlConnection control, Optional<TorProcess> process) {
    }

    private final TorOptions options;
    private org.annexp2p.tor.launch.StateDirectoryLock stateLock;

    TorConnector(TorOptions options) {
        this.options = options;
    }

    Connected connect() throws TorException {
        Optional<String> explicit = options.effectiveControl();
        switch (options.policy()) {
            case LAUNCH:
                return launch();
            case ATTACH:
                return explicit.isPresent() ? attach(endpoint(explicit.get())) : attachUsual();
            default:
                if (explicit.isPresent()) {
                    return attach(endpoint(explicit.get()));
                }
                try {
                    return attachUsual();
                } catch (TorException e) {
                    // auto: a tor we cannot use (absent, or its cookie unreadable) means we run our own
                    return launch();
                }
        }
    }

    /** Launches tor in the state directory, which this connector holds from its first launch until closed. */
    Connected launch() throws TorException {
        if (stateLock == null) {
            stateLock = org.annexp2p.tor.launch.StateDirectoryLock.acquire(options.stateDir());
        }
        TorProcess p = TorProcess.launch(options.environment().get("PATH"), options.stateDir(), options.extraTorrc(), options.startupTimeout(),
                options.commandTimeout());
        return new Connected(p.control(), Optional.of(p));
    }

    Connected attach(ControlEndpoint endpoint) throws TorException {
        return new Connected(ControlConnection.open(endpoint, options.auth(), options.startupTimeout(),
                options.commandTimeout()), Optional.empty());
    }

    private Connected attachUsual() throws TorException {
        List<String> tried = new ArrayList<>();
        for (String candidate : USUAL_CONTROL) {
            ControlEndpoint e = ControlEndpoint.parse(candidate);
            if (e instanceof ControlEndpoint.Unix u && !u.path().toFile().exists()) {
                tried.add(candidate);
                continue;
            }
            try {
                return attach(e);
            } catch (TorException ex) {
                if (ex.reason() != Reason.NOT_RUNNING) {
                    throw ex;
                }
                tried.add(candidate);
            }
        }
        throw new TorException(Reason.NOT_RUNNING, "no running tor found (tried " + String.join(", ", tried)
                + "); start tor with a ControlPort, give --tor-control HOST:PORT or unix:PATH, or use --tor launch");
    }

    static ControlEndpoint endpoint(String text) throws TorException {
        try {
            return ControlEndpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TorException(Reason.BAD_CONFIG, e.getMessage());
        }
    }

    /**
     * The SOCKS port of the session's tor. A tor we launched is always reached through its own port: its client
     * cache is fresh, so its self-checks cannot be misled by a stale descriptor another tor kept (an onion that
     * restarted), and a fresh tor refetches at once. An attached tor's port is the explicit or environment
     * address, else what tor reports, else git-annex's 127.0.0.1:9050.
     */
    InetSocketAddress socks(ControlConnection control, boolean launched) throws TorException {
        Optional<String> explicit = options.effectiveSocks();
        if (explicit.isPresent() && !launched) {
            return parseSocks(explicit.get());
        }
        String listeners = control.getInfo("net/listeners/socks").strip();
        for (String entry : listeners.split(" ")) {
            String e = entry.replace("\"", "");
            if (!e.isEmpty() && !e.startsWith("unix:")) {
                return parseSocks(e);
            }
        }
        return DEFAULT_SOCKS;
    }

    static InetSocketAddress parseSocks(String text) throws TorException {
        int colon = text.lastIndexOf(':');
        String port = colon < 0 ? "" : text.substring(colon + 1);
        if (colon <= 0 || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new TorException(Reason.BAD_CONFIG, "tor SOCKS address '" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(port));
    }

    Path stateDir() {
        return options.stateDir();
    }

    /** The pid of a tor an earlier, vanished owner of the state directory left running, stopped before launching. */
    Optional<Long> stoppedLeftover() {
        return stateLock == null ? Optional.empty() : stateLock.stoppedLeftover();
    }

    /** Lets the next process launch in the state directory; the tor launched there must be gone first. */
    @Override
    public void close() {
        if (stateLock != null) {
            stateLock.close();
            stateLock = null;
        }
    }
}
