package org.annexp2p.tor.privnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.RunningCommand;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.control.ControlConnection;

/**
 * A private Tor network on 127.0.0.1: three directory authorities (keys from tor-gencert), three relays and
 * a client, all {@code TestingTorNetwork}, all children of this JVM ({@code __OwningControllerProcess}, so
 * they die with it even if {@link #close()} never runs). {@link #joinTorrc()} makes any other tor a member.
 */
public final class PrivateTorNetwork implements AutoCloseable {

    static final int AUTHORITIES = 3;
    static final int RELAYS = 3;
    static final int GIT_ANNEX_SOCKS_PORT = 9050;
    static final Duration STAGE_TIMEOUT = Duration.ofSeconds(150);
    /** Starts on fresh ports after a tor found one of its listener ports taken, before the network gives up. */
    static final int START_ATTEMPTS = 3;
    private static final Set<Long> RUNNING = ConcurrentHashMap.newKeySet();

    private final Path base;
    private final ListenerPorts ports;
    private final List<TorNode> nodes = new ArrayList<>();
    private final List<String> dirAuthorityLines = new ArrayList<>();
    private final List<Integer> listening = new ArrayList<>();
    private Path joinTorrc;
    private int socksPort;
    private int socksPortExtendedErrors;
    private boolean gitAnnexSocks;
    private TorNode client;
    private Duration startup;
    private int attempts;

    private PrivateTorNetwork(Path base, ListenerPorts ports) {
        this.base = base;
        this.ports = ports;
    }

    /** Builds and starts the network, waits until the client is bootstrapped; stops everything on failure. */
    public static PrivateTorNetwork start() {
        try {
            return start(ListenerPorts.ofThisMachine());
        } catch (IOException e) {
            throw new AssertionError("the private Tor network did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the network on {@code ports}. Those of this machine lie outside the ephemeral range, so no outgoing
     * connection can take one between its choice and tor's bind ({@link ListenerPorts.OutsideEphemeralRange}); another
     * program can still bind one in that moment, and this is the recovery. A router (authority or relay) that finds a listener port taken exits at
     * once; the authorities' ports are written into every node's torrc (DirAuthority lines) and their keys name
     * their address, so rather than rewrite the others, the whole network is built again on fresh ports and in a
     * fresh directory. That costs a second or two: it happens before any consensus wait. A client that finds a port
     * taken restarts alone ({@link #startClient}), since nobody else names its ports.
     */
    static PrivateTorNetwork start(ListenerPorts ports) {
        Instant t0 = Instant.now();
        for (int attempt = 1; ; attempt++) {
            PrivateTorNetwork net;
            try {
                net = new PrivateTorNetwork(Files.createTempDirectory("annex-p2p-privnet"), ports);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                net.build();
                net.startupPhases();
                net.startup = Duration.between(t0, Instant.now());
                net.attempts = attempt;
                return net;
            } catch (ListenerTaken taken) {
                net.close();
                if (attempt == START_ATTEMPTS) {
                    throw new AssertionError("the private Tor network did not start: " + taken.getMessage(), taken);
                }
                System.out.println("private Tor network: " + taken.getMessage() + "\nstarting it again on fresh ports "
                        + "(attempt " + (attempt + 1) + " of " + START_ATTEMPTS + ")");
            } catch (IOException | RuntimeException e) {
                net.close();
                throw new AssertionError("the private Tor network did not start: " + e.getMessage(), e);
            }
        }
    }

    /** How many starts it took (more than one when a tor found a listener port taken). */
    int startAttempts() {
        return attempts;
    }

    /** The ports the routers' and the client's listeners use, for a test that handed one a taken port. */
    List<Integer> listenerPorts() {
        return List.copyOf(listening);
    }

    /** torrc lines (to {@code %include}) that make a tor join this network instead of the public one. */
    public Path joinTorrc() {
        return joinTorrc;
    }

    /** The client's plain SOCKS port. */
    public InetSocketAddress clientSocks() {
        return new InetSocketAddress("127.0.0.1", socksPort);
    }

    /**
     * The client's SOCKS port on 127.0.0.1:9050, where git-annex dials, if that port was free when the network
     * started; tests of real git-annex over tor need it and should fail saying so when it is absent.
     */
    public Optional<InetSocketAddress> gitAnnexSocks() {
        return gitAnnexSocks ? Optional.of(new InetSocketAddress("127.0.0.1", GIT_ANNEX_SOCKS_PORT)) : Optional.empty();
    }

    /** The client's SOCKS port with {@code ExtendedErrors} (tor's 0xF0-0xF7 onion reply codes). */
    public InetSocketAddress clientSocksExtendedErrors() {
        return new InetSocketAddress("127.0.0.1", socksPortExtendedErrors);
    }

    /** The client's control port (cookie authentication), as $ANNEX_P2P_TOR_CONTROL names it for a client. */
    public String clientControl() {
        return "127.0.0.1:" + client.controlPort;
    }

    public Path baseDir() {
        return base;
    }

    public Duration startupTime() {
        return startup;
    }

    /** Every tor process of the network (for leak checks). */
    public List<ProcessHandle> processes() {
        return nodes.stream().filter(n -> n.process != null).map(n -> n.process.handle()).toList();
    }

    /** Pids of the tors of every network running in this JVM, so leak checks elsewhere can tell them apart. */
    public static Set<Long> runningNetworkPids() {
        return Set.copyOf(RUNNING);
    }

    private void build() throws IOException {
        Path empty = base.resolve("empty");
        Files.writeString(empty, "");
        Files.writeString(base.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
        List<int[]> authPorts = new ArrayList<>();
        List<RunningCommand> gencerts = new ArrayList<>();
        for (int i = 0; i < AUTHORITIES; i++) {
            String nickname = "auth" + i;
            int[] ports = take(nickname); // or, dir, control
            authPorts.add(ports);
            TorNode n = new TorNode(nickname, dataDir(nickname), ports[2]);
            nodes.add(n);
            Files.createDirectories(n.dir.resolve("keys"));
            // tor-gencert always reads a passphrase from the given fd: an empty line means none
            gencerts.add(Command.of("tor-gencert", "--create-identity-key", "--passphrase-fd", "0", "-m", "12",
                    "-a", "127.0.0.1:" + ports[1],
                    "-i", n.dir.resolve("keys/authority_identity_key").toString(),
                    "-s", n.dir.resolve("keys/authority_signing_key").toString(),
                    "-c", n.dir.resolve("keys/authority_certificate").toString())
                    .stdin("\n").log(n.dir.resolve("gencert.log")).start());
        }
        for (int i = 0; i < AUTHORITIES; i++) {
            await(gencerts.get(i), "tor-gencert for auth" + i);
            TorNode n = nodes.get(i);
            String v3ident = Files.readAllLines(n.dir.resolve("keys/authority_certificate")).stream()
                    .filter(l -> l.startsWith("fingerprint ")).findFirst()
                    .orElseThrow(() -> new IOException("tor-gencert wrote no fingerprint")).substring(12).strip();
            String fpr = relayFingerprint(n, empty, authPorts.get(i)[0]);
            dirAuthorityLines.add("DirAuthority " + n.nickname + " orport=" + authPorts.get(i)[0] + " no-v2 v3ident="
                    + v3ident + " 127.0.0.1:" + authPorts.get(i)[1] + " " + fpr);
        }
        for (int i = 0; i < AUTHORITIES; i++) {
            int[] p = authPorts.get(i);
            TorNode n = nodes.get(i);
            write(n, common(n) + relay(p[0], p[1]) + authority());
        }
        for (int i = 0; i < RELAYS; i++) {
            String nickname = "relay" + i;
            int[] p = take(nickname);
            TorNode n = new TorNode(nickname, dataDir(nickname), p[2]);
            nodes.add(n);
            write(n, common(n) + relay(p[0], p[1]));
        }
        joinTorrc = base.resolve("join-privnet.torrc");
        Files.writeString(joinTorrc, networkLines());
    }

    private void startupPhases() throws IOException, TorException {
        Path empty = base.resolve("empty");
        for (TorNode n : nodes) {
            n.start(empty);
            RUNNING.add(n.process.pid());
        }
        List<ControlConnection> controls = new ArrayList<>();
        try {
            for (TorNode n : nodes) {
                waitFor("control cookie of " + n.nickname, n::cookieReady, n);
                controls.add(control(n));
            }
            int routers = AUTHORITIES + RELAYS;
            ControlConnection auth0 = controls.get(0);
            waitFor("a consensus listing all " + routers + " routers", () -> count(auth0, "ns/all", "r ") >= routers, nodes.get(0));
            // a client that asks a cache lacking microdescriptors stalls ~10 s, so wait until every node has all
            for (int i = 0; i < controls.size(); i++) {
                ControlConnection c = controls.get(i);
                waitFor(nodes.get(i).nickname + " to hold the consensus and all microdescriptors",
                        () -> count(c, "ns/all", "r ") >= routers && count(c, "md/all", "onion-key") >= routers, nodes.get(i));
            }
        } finally {
            controls.forEach(ControlConnection::close);
        }
        startClient(empty);
        try (ControlConnection c = control(client)) {
            waitFor("the client to bootstrap", () -> bootstrapped(c), client);
        }
    }

    /**
     * Starts the client on ports chosen just now. A port picked free can still be bound by another program before
     * tor binds it, and tor then exits at once: such a start is retried on fresh ports, a few times, before the
     * network gives up with tor's reason.
     */
    private void startClient(Path empty) throws IOException {
        for (int attempt = 1; ; attempt++) {
            int[] c = take("client");
            socksPort = c[0];
            socksPortExtendedErrors = c[1];
            client = new TorNode("client", dataDir("client"), c[2]);
            // git-annex always dials SOCKS 127.0.0.1:9050; offer it when nothing else holds that port
            gitAnnexSocks = isFree(GIT_ANNEX_SOCKS_PORT);
            write(client, common(client) + "SocksPort 127.0.0.1:" + c[0] + "\nSocksPort 127.0.0.1:" + c[1]
                    + " ExtendedErrors\n" + (gitAnnexSocks ? "SocksPort 127.0.0.1:" + GIT_ANNEX_SOCKS_PORT + "\n" : ""));
            nodes.add(client);
            client.start(empty);
            RUNNING.add(client.process.pid());
            try {
                // a tor that exits meanwhile ends the wait: for a taken port with ListenerTaken, else with its reason
                waitFor("control cookie of client", client::cookieReady, client);
                return;
            } catch (ListenerTaken taken) {
                if (attempt == START_ATTEMPTS) {
                    throw new IllegalStateException(taken.getMessage(), taken);
                }
                System.out.println("private Tor network: " + taken.getMessage() + "\nstarting the client again on fresh "
                        + "ports (attempt " + (attempt + 1) + " of " + START_ATTEMPTS + ")");
                nodes.remove(client);
                RUNNING.remove(client.process.pid());
                client.stop();
                listening.removeAll(java.util.Arrays.stream(c).boxed().toList());
            }
        }
    }

    private static int count(ControlConnection c, String key, String prefix) {
        try {
            return (int) c.getInfo(key).lines().filter(l -> l.startsWith(prefix)).count();
        } catch (TorException e) {
            return -1;
        }
    }

    private static boolean bootstrapped(ControlConnection c) {
        try {
            return c.bootstrapPhase().map(b -> b.progress() == 100).orElse(false);
        } catch (TorException e) {
            return false;
        }
    }

    /**
     * The node's control connection. Its cookie file can appear a moment before its control listener accepts, so
     * a refused connection is retried (for up to 20 s) as long as the node runs; a node that died says why.
     */
    private ControlConnection control(TorNode n) {
        AtomicReference<ControlConnection> opened = new AtomicReference<>();
        waitFor("the control port of " + n.nickname, Duration.ofSeconds(20), () -> {
            try {
                opened.set(n.control(Duration.ofSeconds(30)));
                return true;
            } catch (TorException refused) {
                return false;
            }
        }, n);
        return opened.get();
    }

    private void waitFor(String what, BooleanSupplier condition, TorNode node) {
        waitFor(what, STAGE_TIMEOUT, condition, node);
    }

    private void waitFor(String what, Duration timeout, BooleanSupplier condition, TorNode node) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (node.exitedOnBindFailure()) {
                throw new ListenerTaken(node.nickname + " could not bind a listener port; its output:\n  " + node.logTail());
            }
            if (node.process != null && !node.process.alive()) {
                throw new IllegalStateException(node.nickname + " exited while waiting for " + what + "; its log:\n  "
                        + node.logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("waited " + timeout.toSeconds() + " s for " + what + "; "
                        + node.nickname + "'s log:\n  " + node.logTail());
            }
            try {
                // tor offers no event for "consensus complete"; poll at a pace it does not notice
                node.process.exitsWithin(Duration.ofMillis(250));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what);
            }
        }
    }

    private String relayFingerprint(TorNode n, Path empty, int orPort) throws IOException {
        RunningCommand p = Command.of("tor", "--defaults-torrc", empty.toString(), "-f", empty.toString(),
                "--ignore-missing-torrc", "--DataDirectory", n.dir.toString(), "--ORPort", Integer.toString(orPort),
                "--Nickname", n.nickname, "--list-fingerprint")
                .log(n.dir.resolve("fingerprint.log")).start();
        await(p, "tor --list-fingerprint for " + n.nickname);
        List<String> lines = p.said().lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        if (!last.startsWith(n.nickname + " ")) {
            throw new IOException("tor --list-fingerprint printed no fingerprint for " + n.nickname + ": " + last);
        }
        return last.substring(n.nickname.length()).replace(" ", "");
    }

    /** Waits for a set-up step; whatever happens, it is stopped and all it printed read when this returns. */
    private static void await(RunningCommand p, String what) throws IOException {
        try (p) {
            if (!p.exitsWithin(Duration.ofSeconds(60))) {
                throw new IOException(what + " did not finish within 60 s");
            }
            int exit = p.awaitExit(Duration.ofSeconds(60));
            if (exit != 0) {
                throw new IOException(what + " failed with status " + exit + ": " + p.said().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what);
        }
    }

    private Path dataDir(String name) throws IOException {
        return Files.createDirectories(base.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static void write(TorNode n, String torrc) throws IOException {
        Files.writeString(n.torrc(), torrc, StandardCharsets.UTF_8);
    }

    /** What every member needs: testing mode, our authorities only, no GeoIP parsing. */
    private String networkLines() {
        Path empty = base.resolve("empty");
        return "TestingTorNetwork 1\n"
                + "UseDefaultFallbackDirs 0\n"
                + "PathsNeededToBuildCircuits 0.67\n"
                + "GeoIPFile " + empty + "\n"
                + "GeoIPv6File " + empty + "\n"
                + String.join("\n", dirAuthorityLines) + "\n";
    }

    private String common(TorNode n) {
        return networkLines()
                + "DataDirectory " + n.dir + "\n"
                + "Nickname " + n.nickname + "\n"
                + "Log notice file " + n.log() + "\n"
                + (Boolean.getBoolean("privnet.keep") ? "Log " + System.getProperty("privnet.log", "[rend,dir]info") + " file "
                        + n.dir.resolve("info.log") + "\n" : "")
                + "SafeLogging 0\n"
                + "ControlPort 127.0.0.1:" + n.controlPort + "\n"
                + "CookieAuthentication 1\n"
                + "ShutdownWaitLength 0\n"
                + "Sandbox 0\n"
                + "ConnLimit 60\n"
                + "TestingDirAuthVoteExit *\n"
                + "TestingDirAuthVoteHSDir *\n"
                + "TestingDirAuthVoteGuard *\n"
                + "TestingMinExitFlagThreshold 0\n"
                + "V3AuthNIntervalsValid 2\n";
    }

    private String relay(int orPort, int dirPort) {
        return "SocksPort 0\n"
                + "Address 127.0.0.1\n"
                + "ORPort 127.0.0.1:" + orPort + "\n"
                + "DirPort 127.0.0.1:" + dirPort + "\n"
                + "AssumeReachable 1\n"
                + "ExitRelay 0\n"
                + "ExitPolicy reject *:*\n"
                + "ServerDNSDetectHijacking 0\n"
                + "ServerDNSResolvConfFile " + base.resolve("resolv.conf") + "\n"
                + "ContactInfo annex-p2p test network\n";
    }

    private static String authority() {
        // the smallest voting schedule tor accepts in testing mode, so a consensus exists within seconds
        return "AuthoritativeDirectory 1\n"
                + "V3AuthoritativeDirectory 1\n"
                + "TestingV3AuthInitialVotingInterval 5\n"
                + "TestingV3AuthInitialVoteDelay 2\n"
                + "TestingV3AuthInitialDistDelay 2\n"
                + "V3AuthVotingInterval 10\n"
                + "V3AuthVoteDelay 2\n"
                + "V3AuthDistDelay 2\n";
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Three ports for a node's listeners (a relay's OR, dir and control; a client's two SOCKS and control). */
    private int[] take(String nickname) throws IOException {
        int[] p = ports.take(nickname, 3);
        for (int port : p) {
            listening.add(port);
        }
        return p;
    }

    /** A tor exited at start because a port it was given was taken by the time it bound it. */
    private static final class ListenerTaken extends RuntimeException {
        ListenerTaken(String message) {
            super(message, null, false, false);
        }
    }

    /** Stops every tor (SIGTERM, then SIGKILL; bounded) and removes the directory. */
    @Override
    public void close() {
        for (TorNode n : nodes) {
            n.stop();
            if (n.process != null) {
                RUNNING.remove(n.process.pid());
            }
        }
        if (Boolean.getBoolean("privnet.keep")) {
            System.out.println("private Tor network stopped; its directories (info logs of onion services and directory "
                    + "requests) stay in " + base);
            return;
        }
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
