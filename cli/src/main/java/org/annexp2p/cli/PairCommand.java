package org.annexp2p.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.annexp2p.cli.wormhole.RelayOptions;
import org.annexp2p.pairing.wormhole.PairData;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.tor.onion.TorAnnexAddress;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.ReceiveListener;
import org.annexp2p.wormhole.Received;
import org.annexp2p.wormhole.Wormhole;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.WormholeOptions;
import org.annexp2p.wormhole.code.Code;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pair", mixinStandardHelpOptions = true,
        description = {"Pair this repository with another one by reading short codes to each other, as "
                + "`git annex p2p --pair` does (Magic Wormhole, same app id, same pair-data format), so either "
                + "side may be git-annex.",
            "",
            "Prints \"This repository's pairing code is: CODE\": tell it to the other person, and type theirs "
                + "(or give it with --code). Each side sends half of a fresh auth token and its P2P addresses "
                + "(from `annex-p2p enable-tor`); both halves make the tokens each side accepts and uses. Then "
                + "it links to the other repository over Tor (retrying while the other side finishes) and adds "
                + "a git remote for it. A wrong code fails the key confirmation: nothing is stored."})
final class PairCommand implements Callable<Integer> {
    static final String APP_ID = "git-annex.branchable.com/p2p-setup";

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Option(names = "--code", paramLabel = "CODE", description = "The other repository's pairing code (else asked on stdin).")
    String code;

    @Mixin
    RelayOptions relay;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the remote to add (default: peer1, peer2, ...).")
    String name;

    @Option(names = "--tor-socks", paramLabel = "HOST:PORT",
            description = "Tor's SOCKS port (default: $ANNEX_P2P_TOR_SOCKS, else 127.0.0.1:9050).")
    String torSocks;

    @Option(names = "--link-attempts", paramLabel = "N", defaultValue = "100",
            description = "Rounds over the other side's addresses while it finishes (default: 100, 2 s apart, as git-annex).")
    int linkAttempts;

    @Option(names = "--debug", description = "Show the protocol conversation on stderr (tokens hidden).")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        AnnexRepository repository = AnnexRepository.open(repo);
        List<TorAnnexAddress> ours = torAddresses(repository.creds().ownAddresses());
        if (ours.isEmpty()) {
            throw new IOException("this repository has no P2P address to pair with; run `annex-p2p enable-tor` first");
        }
        if (linkAttempts < 1) {
            throw new Main.UsageException("--link-attempts must be at least 1");
        }
        InetSocketAddress socks = TorSocks.resolve(torSocks);
        WormholeOptions options;
        try {
            options = relay.applyTo(WormholeOptions.defaults()).withAppId(APP_ID);
        } catch (InvalidCodeException e) {
            throw new Main.UsageException(e.getMessage());
        }
        Wormhole wormhole = new Wormhole(options);
        AuthToken ourHalf = new TokenGenerator().generate(PairData.HALF_LENGTH);
        try (TemporaryTree dir = TemporaryTree.create("annex-p2p-pair",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))) {
            PairData theirs = exchange(wormhole, dir.path(), new PairData(ourHalf, ours));
            // Both sides compute the same two tokens: ours+theirs is what we accept, theirs+ours what we present.
            AuthToken accept = AuthToken.parse(ourHalf.reveal() + theirs.half().reveal()).get();
            AuthToken present = AuthToken.parse(theirs.half().reveal() + ourHalf.reveal()).get();
            repository.creds().addAcceptedToken(accept);
            link(repository, theirs.addresses(), present, socks);
            return 0;
        }
    }

    /**
     * Sends our pair data and receives theirs at the same time, as git-annex does. Nothing is stored here: a
     * failure on either side (wrong code, garbage, unreachable server) leaves the repository untouched.
     */
    private PairData exchange(Wormhole wormhole, Path dir, PairData ours) throws Exception {
        Path send = dir.resolve("send");
        Files.writeString(send, ours.format(), StandardCharsets.US_ASCII);
        CompletableFuture<Code> ourCode = new CompletableFuture<>();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        // A thread of our own, not the common pool, so that a failed receive can interrupt a send still
        // waiting for the other side; the wormhole then releases its nameplate on the way out.
        Thread sender = new Thread(() -> {
            try {
                wormhole.sendFile(send, Optional.empty(), c -> {
                    System.err.println("This repository's pairing code is: " + c.value());
                    ourCode.complete(c);
                });
                sent.complete(null);
            } catch (Exception | Error e) {
                sent.completeExceptionally(e);
                ourCode.completeExceptionally(e);
            }
        }, "pair-send");
        sender.setDaemon(true);
        sender.start();
        try {
            Code mine = await(ourCode, "Failed sending data to pair: ");
            String other = code != null ? code : ask();
            Code theirCode = Code.parse(other.trim().replace(' ', '-'));
            if (theirCode.value().equals(mine.value())) {
                throw new Main.UsageException("that is this repository's own code; enter the other repository's");
            }
            Path recv = dir.resolve("recv");
            Received received;
            try {
                received = wormhole.receive(theirCode, new ReceiveListener() {
                    @Override
                    public Optional<Path> acceptFile(IncomingFile offer) {
                        return offer.size() <= PairData.MAX_BYTES ? Optional.of(recv) : Optional.empty();
                    }
                });
            } catch (WormholeException e) {
                throw new IOException("Failed receiving data from pair: " + Main.oneLine(e), e);
            }
            if (!(received instanceof Received.File)) {
                throw new IOException("Failed receiving data from pair: the other side sent a text, not pair data");
            }
            PairData theirs = PairData.parse(Files.readAllBytes(recv));
            await(sent, "Failed sending data to pair: ");
            return theirs;
        } finally {
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
    }

    /** The sender's result; it bounds its own waits (server and peer timeouts), so this join ends. */
    private static <T> T await(CompletableFuture<T> f, String context) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IOException(context + Main.oneLine(e.getCause()), e.getCause());
        }
    }

    private static String ask() throws IOException {
        System.err.print("Enter the other repository's pairing code: ");
        System.err.flush();
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isBlank()) {
            throw new IOException("no pairing code entered");
        }
        return line;
    }

    /** Tries each of their addresses in rounds: the other side may still be storing its token. */
    private void link(AnnexRepository repository, List<TorAnnexAddress> addresses, AuthToken token,
            InetSocketAddress socks) throws Exception {
        IOException last = null;
        for (int round = 0; round < linkAttempts; round++) {
            for (TorAnnexAddress a : addresses) {
                try {
                    Uuid theirs = PeerLink.authenticate(repository, a, token, socks, debug);
                    String remote = PeerLink.addRemote(repository, a, theirs, token, name);
                    System.err.println("Paired with " + TerminalText.ofWire(theirs.value()) + "; added remote "
                            + TerminalText.of(remote) + ".");
                    return;
                } catch (IOException e) {
                    last = e;
                    System.err.println("Unable to connect to " + a.format() + ". Retrying...");
                }
            }
            if (round + 1 < linkAttempts) {
                TimeUnit.SECONDS.sleep(2);
            }
        }
        throw new IOException("Failed linking to pair: " + (last == null ? "no address" : ErrorWords.of(last)));
    }

    /** Our Tor addresses; git-annex's pair data carries only those, so other kinds in p2paddrs are left out. */
    private static List<TorAnnexAddress> torAddresses(List<String> lines) {
        List<TorAnnexAddress> tor = new ArrayList<>();
        for (String line : lines) {
            try {
                tor.add(TorAnnexAddress.parse(line));
            } catch (RuntimeException e) {
                // Not a tor-annex address (another transport's): nothing the other side could use.
            }
        }
        return tor;
    }
}
