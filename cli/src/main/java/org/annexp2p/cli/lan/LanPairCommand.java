package org.annexp2p.cli.lan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.annexp2p.cli.ErrorWords;
import org.annexp2p.cli.TerminalText;
import org.annexp2p.pairing.discovery.DiscoveryChannel;
import org.annexp2p.pairing.discovery.DiscoveryGroups;
import org.annexp2p.pairing.lan.Conversation;
import org.annexp2p.pairing.lan.DiscoveryFirst;
import org.annexp2p.pairing.lan.LanAddress;
import org.annexp2p.pairing.lan.LanEndpoints;
import org.annexp2p.pairing.lan.LanIdentity;
import org.annexp2p.pairing.qr.QrPayload;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.lan.LanPairingFlow;
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
        TlsIdentity identity = LanIdentity.loadOrGenerate(repository.creds(), "annex-p2p " + repository.uuid());
        Consumer<String> log = debug ? line -> System.err.println(TerminalText.of("pair --lan: " + line)) : line -> { };
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try (LanEndpoints ends = LanEndpoints.open(identity, port, listenPort, new LanEndpoints.Scope(loopback, discoveryPort, log));
                LanPairingFlow flow = new LanPairingFlow(repository, ends)) {
            Optional<Conversation> conversation = find ? findFirst(ends) : prepare(ends, timeout);
            if (conversation.isEmpty()) {
                return 1;
            }
            if (find) {
                started = System.nanoTime(); // --find may have waited for a person to type the QR code's text: that is not pairing time
            }
            LanPairingFlow.Outcome outcome = flow.pair(conversation.get(), remaining(started, timeout));
            if (outcome instanceof LanPairingFlow.Outcome.Failed f) {
                return LanPairScreen.fail(f.reason(), f.advice());
            }
            LanPairScreen.paired((LanPairingFlow.Outcome.Paired) outcome, identity, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            if (!flow.awaitLinkBack()) {
                System.err.println("annex-p2p: note: the other device has not linked back yet; it saves the pairing only once it has");
            }
            return 0;
        }
    }

    private Optional<Conversation> prepare(LanEndpoints ends, Duration timeout) throws IOException {
        if (how.qr) {
            LanEndpoints.QrOffer offer = ends.offerQr();
            LanPairScreen.showQr(offer, timeout);
            return Optional.of(offer.conversation());
        }
        if (how.payload != null) {
            Optional<QrPayload> given = LanPairScreen.givenPayload(how.payload);
            if (given.isPresent() && given.get().addresses().isEmpty()) {
                LanPairScreen.fail("the payload names no address of the other device", "use --secret on both devices instead");
                return Optional.empty();
            }
            return given.map(Conversation::requesting);
        }
        if (how.secret.isBlank()) {
            throw new IllegalArgumentException("the --secret phrase must not be empty");
        }
        if (address != null || respond) {
            return Optional.of(manual(ends, timeout));
        }
        List<DiscoveryChannel> channels = ends.discoveryChannels();
        if (channels.isEmpty()) {
            LanPairScreen.fail("no discovery channel could be opened", "use --qr on one device and --payload on the other");
            return Optional.empty();
        }
        System.err.println("looking for the other device (up to " + timeout.toSeconds() + " s)...");
        return LanPairScreen.met(ends.meet(SharedSecret.fromPhrase(how.secret), channels, timeout));
    }

    /** The discovery-first order (--find): list the devices waiting with a QR code, then confirm one with its text. */
    private Optional<Conversation> findFirst(LanEndpoints ends) throws IOException, InterruptedException {
        DiscoveryFirst.PayloadSource payloads;
        if (how != null) {
            Optional<QrPayload> given = LanPairScreen.givenPayload(how.payload);
            if (given.isEmpty()) {
                return Optional.empty();
            }
            payloads = () -> given;
        } else {
            payloads = LanPairScreen::askForPayload;
        }
        List<DiscoveryChannel> channels = ends.discoveryChannels();
        if (channels.isEmpty()) {
            LanPairScreen.fail("no discovery channel could be opened", "use --payload alone, which dials the addresses in the QR code");
            return Optional.empty();
        }
        System.err.println("looking for devices waiting to pair (up to " + discoveryTimeoutSeconds + " s)...");
        return LanPairScreen.met(ends.find(channels, Duration.ofSeconds(discoveryTimeoutSeconds), payloads, new LanPairScreen()));
    }

    /** The manual order: one side waits (--respond), the other is told where (--address); no discovery at all. */
    private Conversation manual(LanEndpoints ends, Duration timeout) {
        if (address != null && respond) {
            throw new IllegalArgumentException("--address and --respond are for the two different devices; give one of them");
        }
        SharedSecret secret = SharedSecret.fromPhrase(how.secret);
        if (respond) {
            System.out.println("waiting up to " + timeout.toSeconds() + " s; on the other device run: annex-p2p pair --lan --secret ... --address "
                    + LanAddress.format(new InetSocketAddress(ends.own().get(0), ends.conversationPort())));
            System.out.flush();
            return Conversation.responding(secret, () -> { });
        }
        try {
            return Conversation.requesting(secret, LanAddress.parse(address));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--address wants the IP:PORT the other device (--respond) shows: " + ErrorWords.of(e));
        }
    }

    private static Duration remaining(long started, Duration total) {
        long left = total.toNanos() - (System.nanoTime() - started);
        return Duration.ofNanos(Math.max(TimeUnit.SECONDS.toNanos(1), left));
    }
}
