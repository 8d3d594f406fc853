package org.annexp2p.cli.lan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.annexp2p.cli.ErrorWords;
import org.annexp2p.cli.TerminalText;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.GitRelays;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.pairing.LanPairing;
import org.annexp2p.pairing.PairingOptions;
import org.annexp2p.pairing.PairingOutcome;
import org.annexp2p.pairing.conversation.PairData;
import org.annexp2p.pairing.conversation.PairingResult;
import org.annexp2p.pairing.conversation.PairingSetup;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.qr.InvalidPayloadException;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.qr.QrPayloadCodec;
import org.annexp2p.pairing.qr.TerminalQr;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.selfip.SelfIp;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.pairing.tls.PinnedTls;
import org.annexp2p.pairing.tls.PinnedTlsServer;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.pairing.tls.TrustedKeys;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.transports.ConnectionServer;
import org.annexp2p.transports.ServerOptions;
import org.annexp2p.transports.datagram.UdpEndpoint;
import org.annexp2p.transports.datagram.UdpOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "--lan", mixinStandardHelpOptions = true,
        description = {"Pair this repository with another one on the same network, without any server.",
            "",
            "Four ways, pick one per device:",
            "",
            "1. The same secret phrase on both devices (--secret). They find each other by multicast/broadcast "
                + "discovery authenticated with the phrase.",
            "",
            "2. --qr on one device, and the text under its QR code on the other (--payload). The text names the "
                + "first device's addresses.",
            "",
            "3. Discovery first: --qr on one device, --find on the other. --find lists the devices waiting to pair, "
                + "then asks for the text under the QR code (or takes --payload) and pairs only with the device that "
                + "proves it shows that code, at the address discovery saw. If discovery finds nobody within "
                + "--discovery-timeout, or nobody it finds proves the code, it says why and tries the addresses in the text.",
            "",
            "4. Where discovery is blocked: --secret --respond on one device, --secret --address with the address it "
                + "shows on the other.",
            "",
            "The pairing proves both sides know the secret; each side learns the other's TLS key, addresses and a shared "
                + "auth token. Only after a first TLS link pinned to that key has authenticated is anything saved "
                + "(.git/annex/creds/lan-peers and lan-identity.pem, mode 0600; the token in p2pauth). "
                + "Afterwards: `annex-p2p serve --lan-listen HOST:PORT` and `annex-p2p get --address lan://HOST:PORT ...`.",
            ""},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:paired and saved", "1:not paired (the reason and what to try are on stderr); nothing saved",
            "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  # on both devices, with the same secret:",
            "  annex-p2p pair --lan --repo ~/annex --secret 'correct horse battery'",
            "  # or: show a QR code on one device,",
            "  annex-p2p pair --lan --repo ~/annex --qr",
            "  # and on the other give the text it shows,",
            "  annex-p2p pair --lan --repo ~/annex --payload 'TEXT'",
            "  # or list the devices showing one, then type the text:",
            "  annex-p2p pair --lan --repo ~/annex --find"})
public final class LanPairCommand implements Callable<Integer> {

    static final Duration LINK_ATTEMPT = Duration.ofSeconds(5);
    static final Duration PEER_LINK_WAIT = Duration.ofSeconds(20);

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    static final class How {
        @Option(names = "--secret", paramLabel = "PHRASE", description = "The phrase typed on both devices (any text).")
        String secret;

        @Option(names = "--qr", description = "Show a QR code (and its text) for the other device's --payload or --find; also announce this device for --find.")
        boolean qr;

        @Option(names = "--payload", paramLabel = "TEXT", description = "The text of the other device's QR code.")
        String payload;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    How how;

    @Option(names = "--find", description = {"Discovery first: list the devices running --qr here, then confirm the one "
            + "you mean with the text under its QR code (typed when asked, or given with --payload)."})
    boolean find;

    @Option(names = "--discovery-timeout", paramLabel = "S", defaultValue = "20",
            description = "With --find: look for devices this long before falling back to the QR code's addresses (default: 20).")
    int discoveryTimeoutSeconds;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "UDP port of the pairing conversation (default: any free port).")
    int port;

    @Option(names = "--listen-port", paramLabel = "N", defaultValue = "0",
            description = "TCP port of the TLS listener the first link is made to (default: any free port).")
    int listenPort;

    @Option(names = "--discovery-port", paramLabel = "N", defaultValue = "" + DiscoveryGroups.PORT,
            description = "UDP port of discovery announcements (default: ${DEFAULT-VALUE}).")
    int discoveryPort;

    @Option(names = "--address", paramLabel = "IP:PORT",
            description = "With --secret, when discovery cannot work here: send the request straight to the other "
                + "device, which runs with --respond and shows its address and --port.")
    String address;

    @Option(names = "--respond", description = "With --secret: skip discovery and wait for a device using --address.")
    boolean respond;

    @Option(names = "--loopback", description = "Stay on loopback (two repositories on this machine; tests).")
    boolean loopback;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "120", description = "Give up after S seconds (default: 120).")
    int timeoutSeconds;

    @Option(names = "--debug", description = "Show each pairing step on stderr (never secrets).")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (timeoutSeconds < 1 || discoveryTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout and --discovery-timeout must be at least 1 second");
        }
        if (find && how != null && how.payload == null) {
            throw new ParameterException(spec.commandLine(), "--find pairs with a device showing a QR code: give it alone or with --payload");
        }
        if ((address != null || respond) && (how == null || how.secret == null)) {
            throw new ParameterException(spec.commandLine(), "--address and --respond go with --secret");
        }
        if (!find && how == null) {
            throw new ParameterException(spec.commandLine(), "say how to pair: --secret PHRASE, --qr, --payload TEXT or --find");
        }
        long started = System.nanoTime();
        AnnexRepository repository = AnnexRepository.open(repo);
        Path creds = repository.creds().dir();
        TlsIdentity identity = LanIdentity.loadOrGenerate(creds, "annex-p2p " + repository.uuid());
        Consumer<String> log = debug ? line -> System.err.println(TerminalText.of("pair --lan: " + line)) : line -> { };
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        List<InetAddress> own = ownAddresses();
        TrustedKeys trusted = new TrustedKeys();
        InetSocketAddress bind = new InetSocketAddress(loopback ? InetAddress.getLoopbackAddress() : wildcard(), listenPort);
        try (PinnedTlsServer tlsServer = PinnedTls.listen(bind, identity, trusted);
                UdpEndpoint endpoint = UdpEndpoint.open(conversationOptions(own))) {
            List<InetSocketAddress> listenerAddresses = new ArrayList<>();
            for (InetAddress a : own.subList(0, Math.min(own.size(), PairData.MAX_ADDRESSES))) {
                listenerAddresses.add(new InetSocketAddress(a, tlsServer.port()));
            }
            Optional<Conversation> conversation = find
                    ? findFirst(new DiscoveryFirst.Caller(identity, own.get(0), tlsServer.port()), log)
                    : prepare(identity, endpoint, own, timeout, log);
            if (conversation.isEmpty()) {
                return 1;
            }
            if (find) {
                started = System.nanoTime(); // --find may have waited for a person to type the QR code's text: that is not pairing time
            }
            Conversation c = conversation.get();
            PairingOutcome outcome;
            try {
                outcome = LanPairing.run(new PairingOptions(c.role(), c.secret(), endpoint, c.targets(), hostName(),
                        System.getProperty("user.name", "user"), shorten(repository.top().toString(), PairData.MAX_PATH),
                        repository.uuid().toString(), identity, listenerAddresses, PairingOptions.DEFAULT_RETRANSMIT,
                        remaining(started, timeout), Duration.ofSeconds(2), c.expectedKey(), log));
            } finally {
                c.close();
            }
            if (outcome instanceof PairingOutcome.Failed f) {
                return fail(f.reason(), f.advice());
            }
            PairingResult result = ((PairingOutcome.Paired) outcome).result();
            return link(repository, identity, trusted, tlsServer, result, started, log);
        }
    }

    private Optional<Conversation> prepare(TlsIdentity identity, UdpEndpoint endpoint, List<InetAddress> own, Duration timeout,
            Consumer<String> log) throws IOException {
        int conversationPort = endpoint.localAddress().getPort();
        if (how.qr) {
            String phrase = SharedSecret.randomPhrase();
            QrPayload payload = LanPairing.qrPayload(conversationPort, identity, phrase,
                    own.subList(0, Math.min(own.size(), PairData.MAX_ADDRESSES)));
            String text = QrPayloadCodec.encode(payload);
            SharedSecret secret = SharedSecret.fromPhrase(phrase);
            AutoCloseable discoverable = discoverable(identity, own.get(0), secret, log);
            System.out.print(TerminalQr.render(text, false));
            System.out.println("Scan this, or run on the other device: annex-p2p pair --lan --payload '" + text + "'");
            System.out.println("(or there: annex-p2p pair --lan --find, which lists this device and then asks for this text)");
            System.out.println("payload: " + text);
            System.out.println("waiting up to " + timeout.toSeconds() + " s for the other device...");
            System.out.flush();
            return Optional.of(new Conversation(PairingSetup.Role.RESPONDER, secret, List.of(), Optional.empty(), discoverable));
        }
        if (how.payload != null) {
            Optional<QrPayload> given = givenPayload();
            if (given.isEmpty()) {
                return Optional.empty();
            }
            QrPayload payload = given.get();
            if (payload.addresses().isEmpty()) {
                fail("the payload names no address of the other device", "use --secret on both devices instead");
                return Optional.empty();
            }
            return Optional.of(new Conversation(PairingSetup.Role.REQUESTER, SharedSecret.fromPhrase(payload.secret()),
                    LanPairing.requestTargets(payload), Optional.of(payload.key()), () -> { }));
        }
        if (how.secret.isBlank()) {
            throw new IllegalArgumentException("the --secret phrase must not be empty");
        }
        if (address != null || respond) {
            return Optional.of(manual(conversationPort, own, timeout));
        }
        List<DiscoveryChannel> channels = discoveryChannels(log);
        if (channels.isEmpty()) {
            fail("no discovery channel could be opened", "use --qr on one device and --payload on the other");
            return Optional.empty();
        }
        System.err.println("looking for the other device (up to " + timeout.toSeconds() + " s)...");
        Rendezvous.Met met = Rendezvous.meet(SharedSecret.fromPhrase(how.secret), channels, conversationPort, timeout, log);
        if (met instanceof Rendezvous.Met.Missed m) {
            fail(m.reason(), m.advice());
            return Optional.empty();
        }
        return Optional.of(((Rendezvous.Met.Found) met).conversation());
    }

    /** The discovery-first order (--find): list the devices waiting with a QR code, then confirm one with its text. */
    private Optional<Conversation> findFirst(DiscoveryFirst.Caller caller, Consumer<String> log) throws IOException, InterruptedException {
        DiscoveryFirst.PayloadSource payloads;
        if (how != null) {
            Optional<QrPayload> given = givenPayload();
            if (given.isEmpty()) {
                return Optional.empty();
            }
            payloads = () -> given;
        } else {
            payloads = LanPairCommand::askForPayload;
        }
        List<DiscoveryChannel> channels = discoveryChannels(log);
        if (channels.isEmpty()) {
            fail("no discovery channel could be opened", "use --payload alone, which dials the addresses in the QR code");
            return Optional.empty();
        }
        System.err.println("looking for devices waiting to pair (up to " + discoveryTimeoutSeconds + " s)...");
        Rendezvous.Met met = DiscoveryFirst.find(channels, Duration.ofSeconds(discoveryTimeoutSeconds), payloads, caller, System.out, log);
        if (met instanceof Rendezvous.Met.Missed m) {
            fail(m.reason(), m.advice());
            return Optional.empty();
        }
        return Optional.of(((Rendezvous.Met.Found) met).conversation());
    }

    private Optional<QrPayload> givenPayload() {
        try {
            return Optional.of(QrPayloadCodec.decode(how.payload.trim()));
        } catch (InvalidPayloadException e) {
            fail("the --payload text is not a pairing payload: " + ErrorWords.of(e), "copy the whole text shown by `pair --lan --qr`");
            return Optional.empty();
        }
    }

    /** Asks on the terminal (or reads standard input) for the text under the other device's QR code; one try. */
    private static Optional<QrPayload> askForPayload() {
        System.err.println("type or paste the text shown under the QR code on the device you mean (the line after \"payload:\"), then Enter:");
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            System.err.println("annex-p2p: cannot read the payload: " + ErrorWords.of(e));
            return Optional.empty();
        }
        if (line == null || line.isBlank()) {
            System.err.println("annex-p2p: no payload was given");
            return Optional.empty();
        }
        try {
            return Optional.of(QrPayloadCodec.decode(line.trim()));
        } catch (InvalidPayloadException e) {
            System.err.println(TerminalText.of("annex-p2p: that is not a pairing payload: " + ErrorWords.of(e)));
            return Optional.empty();
        }
    }

    /** Lets --find on another device list us; without discovery channels the QR code still works through its addresses. */
    private AutoCloseable discoverable(TlsIdentity identity, InetAddress host, SharedSecret secret, Consumer<String> log) throws IOException {
        List<DiscoveryChannel> channels = discoveryChannels(log);
        if (channels.isEmpty()) {
            System.err.println("annex-p2p: note: no discovery channel could be opened, so --find on the other device will not list this one;"
                    + " --payload works");
            return () -> { };
        }
        return Discoverable.start(channels, loopback ? host : wildcard(), identity, secret, log);
    }

    /** The manual order: one side waits (--respond), the other is told where (--address); no discovery at all. */
    private Conversation manual(int conversationPort, List<InetAddress> own, Duration timeout) {
        if (address != null && respond) {
            throw new IllegalArgumentException("--address and --respond are for the two different devices; give one of them");
        }
        SharedSecret secret = SharedSecret.fromPhrase(how.secret);
        if (respond) {
            System.out.println("waiting up to " + timeout.toSeconds() + " s; on the other device run: annex-p2p pair --lan --secret ... --address "
                    + LanAddress.format(new InetSocketAddress(own.get(0), conversationPort)));
            System.out.flush();
            return new Conversation(PairingSetup.Role.RESPONDER, secret, List.of(), Optional.empty(), () -> { });
        }
        InetSocketAddress target;
        try {
            target = LanAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--address wants the IP:PORT the other device (--respond) shows: " + ErrorWords.of(e));
        }
        return new Conversation(PairingSetup.Role.REQUESTER, secret, List.of(target), Optional.empty(), () -> { });
    }

    private List<DiscoveryChannel> discoveryChannels(Consumer<String> log) throws IOException {
        return (loopback ? DiscoveryScope.LOOPBACK : DiscoveryScope.EVERY_INTERFACE).open(discoveryPort,
                p -> log.accept("discovery channel not opened: " + p));
    }

    /**
     * Serves the new peer (AUTH with the new token only, its key only) while calling it; saves the pairing once our
     * own call authenticated, then gives the peer a bounded time to finish its call to us.
     */
    private int link(AnnexRepository repository, TlsIdentity identity, TrustedKeys trusted, PinnedTlsServer tlsServer,
            PairingResult result, long started, Consumer<String> log) throws Exception {
        PairData peer = result.peer();
        KeyFingerprint peerKey = KeyFingerprint.of(peer.publicKey());
        AuthToken token = AuthToken.parse(result.token().value()).get();
        trusted.add(peerKey);
        Serving serving = new Serving(repository, ServerMode.READ_WRITE, () -> List.of(token),
                new GitRelays(repository.top(), null, null), Transcript.NONE);
        CountDownLatch peerCalled = new CountDownLatch(1);
        PinnedTlsListener listener = new PinnedTlsListener(tlsServer, line -> log.accept("link refused: " + line));
        // The peer has linked back once it has authenticated: closing the server any earlier would cut its AUTH short.
        try (ConnectionServer server = ConnectionServer.start(listener,
                (connection, admission) -> serving.handle(connection, admission.whenAuthenticated(peerCalled::countDown)),
                ServerOptions.of(4, "ERROR busy\n"))) {
            Optional<String> problem = LanLink.authenticate(peer.addresses(), identity, peerKey, repository.uuid().toString(), token,
                    remaining(started, Duration.ofSeconds(timeoutSeconds)).plus(PEER_LINK_WAIT), log);
            if (problem.isPresent()) {
                return fail("paired, but the first pinned-TLS link to the other device failed: " + problem.get(),
                        "nothing was saved; check that no firewall blocks TCP between the devices and pair again");
            }
            Path creds = repository.creds().dir();
            if (!Files.exists(LanIdentity.file(creds))) {
                identity.save(LanIdentity.file(creds));
            }
            LanPeers.store(creds, new LanPeer(peer.repositoryUuid(), peerKey, token, peer.addresses()));
            repository.creds().addAcceptedToken(token);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // The other device chose all of these.
            System.out.println(TerminalText.of("paired with " + peer.repositoryUuid() + " (" + peer.user() + "@" + peer.hostName()
                    + ":" + peer.repositoryPath() + ") in " + millis + " ms"));
            System.out.println("its key: " + peerKey.hex());
            System.out.println("its addresses: " + peer.addresses().stream().map(a -> "lan://" + LanAddress.format(a)).toList());
            System.out.println("our key: " + identity.fingerprint().hex());
            System.out.flush();
            if (!peerCalled.await(PEER_LINK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("annex-p2p: note: the other device has not linked back yet; it saves the pairing only once it has");
            }
            return 0;
        }
    }

    private static int fail(String reason, String advice) {
        System.err.println(TerminalText.of("annex-p2p: pairing failed: " + reason + "; " + advice));
        return 1;
    }

    private List<InetAddress> ownAddresses() {
        if (loopback) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        List<InetAddress> addresses = new ArrayList<>(SelfIp.privateInterfaceAddresses());
        if (addresses.isEmpty()) {
            throw new IllegalStateException("this machine has no private LAN address; connect to the network (or use --loopback on one machine)");
        }
        return addresses;
    }

    private UdpOptions conversationOptions(List<InetAddress> own) throws IOException {
        if (loopback) {
            return UdpOptions.loopback(StandardProtocolFamily.INET, port);
        }
        NetworkInterface nif = NetworkInterface.getByInetAddress(own.get(0));
        return nif == null ? UdpOptions.loopback(StandardProtocolFamily.INET, port) : UdpOptions.lan(StandardProtocolFamily.INET, port, nif);
    }

    private static InetAddress wildcard() throws IOException {
        return InetAddress.getByAddress(new byte[4]);
    }

    private static Duration remaining(long started, Duration total) {
        long left = total.toNanos() - (System.nanoTime() - started);
        return Duration.ofNanos(Math.max(TimeUnit.SECONDS.toNanos(1), left));
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = Files.readString(Path.of("/etc/hostname")).trim();
            } catch (IOException e) {
                h = "";
            }
        }
        return shorten(h.isBlank() ? "unknown" : h, PairData.MAX_HOST_NAME);
    }

    private static String shorten(String s, int maxBytes) {
        String t = s;
        while (t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxBytes) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
