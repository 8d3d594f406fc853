package org.annexp2p.session.pair;

import java.io.IOException;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.TemporaryTree;
import org.annexp2p.session.link.PeerLink;
import org.annexp2p.session.plugin.TransportPlugins;

/**
 * {@code p2p --pair} as git-annex does it, for every front end: our half of a fresh token and our Tor and network
 * addresses go out under our new code while the other side's come in under theirs, then we link to one of its
 * addresses. Each step is told as a {@link PairState}. Nothing is kept unless the link succeeds: the token we
 * accept is stored before linking (the other side links to us meanwhile), as git-annex stores it for each of our
 * addresses (a plain line for Tor, one line per network address), and taken back if linking fails or is
 * interrupted.
 */
public final class WormholePairing {
    /** git-annex's Magic Wormhole application id for pairing: both sides must use it to meet. */
    public static final String APP_ID = "git-annex.branchable.com/p2p-setup";

    /** One try at linking to the other side's {@code address} with {@code token}: dial, authenticate, add the remote. */
    @FunctionalInterface
    public interface Link {
        PeerLink.Linked link(PairAddress address, AuthToken token) throws IOException;

        /**
         * How every front end links a pairing: {@link PeerLink} through {@code plugins}, the remote named {@code name}
         * (else the first free peerN). Quietly: the pairing tells each failed try itself, as git-annex does, so the
         * plugin's own retry notices would repeat them.
         */
        static Link through(AnnexRepository repository, TransportPlugins plugins, Optional<String> name,
                Transcript transcript, boolean verbose) {
            PeerLink link = new PeerLink(repository, plugins, notice -> { }, transcript, verbose);
            return (address, token) -> link.link(address.format(), token, name);
        }
    }

    private final CredsDir creds;
    private final PairingWormhole wormhole;
    private final Link link;
    private final LinkRounds rounds;
    private final Consumer<PairState> states;
    private final TemporaryTree.OnStop tree;

    /** {@code tree}: told what a stop (Ctrl-C) did with the private directory the pair data pass through. */
    public WormholePairing(CredsDir creds, PairingWormhole wormhole, Link link, LinkRounds rounds,
            Consumer<PairState> states, TemporaryTree.OnStop tree) {
        this.creds = creds;
        this.tree = tree;
        this.wormhole = wormhole;
        this.link = link;
        this.rounds = rounds;
        this.states = states;
    }

    /** Our addresses to send; none means this repository must be made reachable first. */
    public static List<PairAddress> ours(CredsDir creds) throws IOException {
        List<PairAddress> ours = PairData.pairable(creds.ownAddresses());
        if (ours.isEmpty()) {
            throw new IOException("this repository has no P2P address to pair with; run `annex-p2p enable-tor` first");
        }
        return ours;
    }

    /**
     * Pairs, asking {@code codes} for the other side's code once ours is allocated. Fails as {@link PairExchange#run}
     * does, or with {@link LinkRounds.Exhausted} when no link try succeeded; then nothing is saved.
     */
    public PeerLink.Linked run(PairExchange.Codes codes, LinkRounds.Retrying retrying) throws Exception {
        List<PairAddress> ours = ours(creds);
        AuthToken ourHalf = PairTokens.freshHalf();
        states.accept(new PairState.Allocating());
        try (TemporaryTree dir = TemporaryTree.create("annex-p2p-pair", tree,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))) {
            PairData theirs = new PairExchange(wormhole, dir.path()).run(new PairData(ourHalf, ours), mine -> {
                states.accept(new PairState.CodeAllocated(mine.value()));
                String given = codes.theirs(mine);
                states.accept(new PairState.WaitingForPeer());
                return given;
            });
            return link(ours, theirs, PairTokens.of(ourHalf, theirs.half()), retrying);
        }
    }

    private PeerLink.Linked link(List<PairAddress> ours, PairData theirs, PairTokens tokens,
            LinkRounds.Retrying retrying) throws Exception {
        boolean linked = false;
        try {
            accept(ours, tokens.accept());
            int[] tries = {0};
            states.accept(new PairState.Linking(0));
            PeerLink.Linked result = rounds.link(theirs.addresses(), a -> link.link(a, tokens.present()), (a, why) -> {
                retrying.failed(a, why);
                states.accept(new PairState.Linking(++tries[0]));
            });
            linked = true;
            return result;
        } finally {
            if (!linked) {
                withdraw(ours, tokens.accept());
            }
        }
    }

    private void accept(List<PairAddress> ours, AuthToken token) throws IOException {
        for (PairAddress a : ours) {
            if (a instanceof PairAddress.Network n) {
                AddressTokens.accept(creds, token, n.format());
            } else {
                creds.addAcceptedToken(token);
            }
        }
    }

    private void withdraw(List<PairAddress> ours, AuthToken token) throws IOException {
        creds.removeAcceptedToken(token);
        for (PairAddress a : ours) {
            if (a instanceof PairAddress.Network n) {
                AddressTokens.withdraw(creds, token, n.format());
            }
        }
    }
}
