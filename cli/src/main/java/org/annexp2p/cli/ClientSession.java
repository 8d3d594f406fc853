package org.annexp2p.cli;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.annexp2p.interpreters.Full;
import org.annexp2p.interpreters.Outcome;
import org.annexp2p.interpreters.net.AuthCheck;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.interpreters.net.StreamNet;
import org.annexp2p.pairing.lan.LanDial;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.RepositoryLocal;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.plugin.HandshakeDeadline;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.tor.socks.OnionDialer;
import org.annexp2p.transports.Connection;
import org.annexp2p.transports.stdio.CommandConnection;
import org.annexp2p.transports.tcp.TcpTransport;
import org.annexp2p.transports.tcp.TlsAddress;
import org.annexp2p.transports.tcp.TlsTransport;

/**
 * One client connection: reach the peer the options name, authenticate (p2pstdio servers announce themselves;
 * AUTH servers want our token), agree on a protocol version, run one operation, hang up.
 */
final class ClientSession implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private final TcpTransport tcp;
    private final Repository repository;
    private final StreamNet net;

    private ClientSession(Connection connection, TcpTransport tcp, Repository repository, boolean debug) {
        this.connection = connection;
        this.tcp = tcp;
        this.repository = repository;
        this.net = StreamNet.over(connection, AuthCheck.REFUSE_ALL, Relays.NONE, Debug.transcript(debug));
    }

    /**
     * A session on {@code connection} once the peer has authenticated us and agreed on a version, within
     * {@code deadline} if there is one (none for a command that may prompt, --exec); closed if it did not.
     */
    private static ClientSession greeted(Connection connection, TcpTransport tcp, Program<Either<String, Uuid>> authentication,
            Repository repository, boolean debug, Optional<HandshakeDeadline> deadline, boolean dialed) throws IOException {
        ClientSession s = new ClientSession(connection, tcp, repository, debug);
        try {
            s.greet(authentication, deadline, dialed);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The repository we act for: the one --repo names, or loose files under a fresh identity. */
    static Repository repository(PeerOptions o) throws IOException {
        return o.repo != null ? AnnexRepository.open(o.repo) : LooseFiles.underFreshIdentity();
    }

    static ClientSession open(PeerOptions o, PeerOptions.Route route, Repository repository) throws IOException {
        long start = System.nanoTime();
        Optional<HandshakeDeadline> given = Optional.ofNullable(o.timeout).map(t -> HandshakeDeadline.after(start, t));
        boolean debug = o.debug || Main.debug;
        if (route.exec != null) {
            var argv = ShellCommandLine.split(route.exec);
            if (argv.isEmpty()) {
                throw new Main.UsageException("--exec needs a command");
            }
            Connection c = CommandConnection.start(argv);
            return greeted(c, null, Client.awaitAuthSuccess(), repository, debug, given, false);
        }
        String address = route.address;
        boolean tls = address.startsWith(TlsAddress.SCHEME);
        if (address.startsWith("tcp://") || tls) {
            if (!tls) {
                PlaintextWarning.forClient(address);
            }
            // A malformed address is bad usage (exit 2), said before anything else is looked at.
            Object parsed = tls ? parseTls(address) : parseTcp(address);
            HandshakeDeadline deadline = given.orElse(
                    HandshakeDeadline.after(start, Duration.ofSeconds(HandshakeDeadline.TCP_SECONDS)));
            TcpTransport tcp = new TcpTransport();
            Connection c;
            AuthToken token;
            try {
                token = token(o, repository, address);
                c = tls ? new TlsTransport(tcp).dial((TlsAddress) parsed, deadline.left())
                        : tcp.dial(address.substring("tcp://".length()), deadline.left());
            } catch (IOException | RuntimeException e) {
                tcp.close();
                throw e;
            }
            return greeted(c, tcp, Client.auth(repository.uuid(), token), repository, debug, Optional.of(deadline), true);
        }
        if (address.startsWith("lan://")) {
            Optional<AuthToken> own = o.token != null ? Optional.of(token(o, repository, address)) : Optional.empty();
            LanDial.Link lan = LanDial.open(o.repo, address.substring("lan://".length()), o.discoveryPort,
                    given.map(HandshakeDeadline::left).orElse(CONNECT_TIMEOUT), line -> System.err.println(TerminalText.of("annex-p2p: " + line)));
            AuthToken token = own.orElse(lan.token());
            HandshakeDeadline deadline = given.orElse(
                    HandshakeDeadline.after(System.nanoTime(), Duration.ofSeconds(HandshakeDeadline.LAN_ANSWER_SECONDS)));
            return greeted(lan.connection(), null, Client.auth(repository.uuid(), token), repository, debug,
                    Optional.of(deadline), true);
        }
        if (address.startsWith("tor-annex::")) {
            TorAnnexAddress onion = parseOnion(address);
            AuthToken token = token(o, repository, address);
            Connection c = dialOnion(new OnionDialer(TorSocks.resolve(o.torSocks)), onion, debug,
                    given.map(HandshakeDeadline::left).orElse(TOR_CONNECT_TIMEOUT));
            HandshakeDeadline deadline = given.orElse(
                    HandshakeDeadline.after(System.nanoTime(), Duration.ofSeconds(HandshakeDeadline.ONION_ANSWER_SECONDS)));
            return greeted(c, null, Client.auth(repository.uuid(), token), repository, debug, Optional.of(deadline), true);
        }
        throw new Main.UsageException("unsupported address " + address
                + " (expected tls://HOST:PORT/PIN, tcp://HOST:PORT, lan://IP:PORT or tor-annex::ONION:PORT)");
    }

    /** Onion circuits take seconds to build; the first connection to a fresh service can take a minute. */
    static final Duration TOR_CONNECT_TIMEOUT = Duration.ofSeconds(120);

    /**
     * One attempt's bound. Tor holds a SOCKS request while it tries the introduction points of the descriptor it
     * has; a service that just restarted may have left a stale descriptor behind, and a new request is what makes
     * tor fetch again, so several shorter attempts reach a restarted onion sooner than one long one.
     */
    static final Duration TOR_ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Dials an onion, retrying for up to {@link #TOR_CONNECT_TIMEOUT}: a service that just (re)started is often
     * unreachable until its new descriptor reaches our tor. The first failure is reported, so a wait is never silent.
     */
    static Connection dialOnion(org.annexp2p.transports.Dialer dialer, TorAnnexAddress onion, boolean debug)
            throws IOException {
        return dialOnion(dialer, onion, debug, TOR_CONNECT_TIMEOUT);
    }

    /** As {@link #dialOnion(org.annexp2p.transports.Dialer, TorAnnexAddress, boolean)}, retrying for up to {@code bound}. */
    static Connection dialOnion(org.annexp2p.transports.Dialer dialer, TorAnnexAddress onion, boolean debug,
            Duration bound) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (int attempt = 1; ; attempt++) {
            long left = deadline - System.nanoTime();
            try {
                return dialer.dial(onion.dialString(), Duration.ofNanos(Math.max(Math.min(left, TOR_ATTEMPT_TIMEOUT.toNanos()),
                        1_000_000_000L)));
            } catch (IOException e) {
                // A restarted onion becomes reachable; a tor that is not running does not, so that fails at once.
                boolean torUnusable = e instanceof org.annexp2p.tor.socks.SocksException s && s.torUnusable();
                if (torUnusable || System.nanoTime() + 2_000_000_000L > deadline) {
                    throw e;
                }
                if (attempt == 1 || debug) {
                    System.err.println("annex-p2p: " + Main.oneLine(e) + "; retrying for up to "
                            + Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L) + " s (a restarted onion "
                            + "needs its new descriptor to reach tor)");
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static org.annexp2p.transports.tcp.TcpAddress parseTcp(String address) {
        try {
            return org.annexp2p.transports.tcp.TcpAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    static TlsAddress parseTls(String address) {
        try {
            return TlsAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    static TorAnnexAddress parseOnion(String address) {
        try {
            return TorAnnexAddress.parse(address);
        } catch (RuntimeException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }

    /**
     * --token, else $GIT_ANNEX_P2P_AUTHTOKEN, else the repository's creds for that peer (an onion). Without any,
     * no server would let us in, and the user would read that the peer refused a token they never gave: say so
     * before dialing.
     */
    static AuthToken token(PeerOptions o, Repository repository, String address) throws IOException {
        return token(o.token, System.getenv(CredsDir.TOKEN_ENVIRONMENT_VARIABLE), repository, address);
    }

    static AuthToken token(String option, String environment, Repository repository, String address) throws IOException {
        String given = option != null ? option : environment;
        if (given != null) {
            return AuthToken.parse(given.trim()).getOrElseThrow(
                    () -> new Main.UsageException("an auth token has only letters and digits"));
        }
        if (repository instanceof AnnexRepository r && address.startsWith("tor-annex::")) {
            var stored = r.creds().peerToken(parseOnion(address).onion().hostname());
            if (stored.isDefined()) {
                return stored.get();
            }
        }
        throw new Main.UsageException("no auth token for " + TerminalText.of(address) + ": set "
                + CredsDir.TOKEN_ENVIRONMENT_VARIABLE + " (from the server's `annex-p2p token`), or pass --token");
    }

    /**
     * Authenticates and agrees on a version. Under a deadline a watch closes the connection when it passes, which
     * ends the wait for the peer's answer; then the user reads that the peer did not answer, not that it hung up.
     */
    private void greet(Program<Either<String, Uuid>> authentication, Optional<HandshakeDeadline> deadline, boolean dialed)
            throws IOException {
        Program<Either<String, Uuid>> greeting = authentication.flatMap(auth -> auth.isLeft()
                ? Program.pure(auth)
                : Client.negotiateVersion(ProtocolVersion.MAX).map(v -> auth));
        Outcome<Either<String, Uuid>> outcome;
        try (RepositoryLocal local = new RepositoryLocal(repository)) {
            if (deadline.isEmpty()) {
                outcome = new Full(net, local).run(greeting);
            } else {
                HandshakeDeadline.Watch watch = deadline.get().watch(connection);
                try (watch) {
                    outcome = new Full(net, local).run(greeting);
                }
                if (watch.fired()) {
                    throw deadline.get().missed(connection, dialed);
                }
            }
        }
        Either<String, Uuid> greeted = result(outcome);
        if (greeted.isLeft()) {
            throw new IOException(named(connection.description(), TerminalText.ofWire(greeted.getLeft())));
        }
        peer = io.vavr.control.Option.some(greeted.get());
    }

    /** The UUID the peer authenticated with, once the session is open. */
    private io.vavr.control.Option<Uuid> peer = io.vavr.control.Option.none();

    io.vavr.control.Option<Uuid> peer() {
        return peer;
    }

    /** Runs {@code operation} (the version agreed on stays with the connection); its Left is a failure message. */
    <A> A run(Program<Either<String, A>> operation) throws IOException {
        Outcome<Either<String, A>> outcome;
        try (RepositoryLocal local = new RepositoryLocal(repository)) {
            outcome = new Full(net, local).run(operation);
        }
        // A failure message may be the peer's own ERROR text: shown, never obeyed, by the terminal.
        return result(outcome).getOrElseThrow(why -> new IOException(named(connection.description(), TerminalText.ofWire(why))));
    }

    private <A> A result(Outcome<A> outcome) throws IOException {
        if (outcome instanceof Outcome.Completed<A> c) {
            return c.value();
        }
        if (outcome instanceof Outcome.Failed<?> f) {
            throw new IOException(named(connection.description(), TerminalText.of(ErrorWords.ofReason(f.reason()))));
        }
        throw new IOException(connection.description() + ": the peer closed the connection");
    }

    /**
     * {@code why} said of the connection {@code description} names, naming it once: a transport's own failures
     * ("tcp 10.0.0.1:4242: connection closed") already start with it.
     */
    static String named(String description, String why) {
        return why.startsWith(description + ":") || why.startsWith(description + " ") ? why : description + ": " + why;
    }

    Repository repository() {
        return repository;
    }

    @Override
    public void close() {
        connection.close();
        if (tcp != null) {
            tcp.close();
        }
    }

    static Path path(String s) {
        return Path.of(s).toAbsolutePath();
    }
}
