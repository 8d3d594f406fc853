package org.annexp2p.session.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.creds.AddressTokens;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.link.PeerLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A wormhole pairing as a job: its states in order, the other side's code as input, cancel, nothing kept on failure. */
@Timeout(60)
class PairingJobTest {
    static final Uuid PEER = new Uuid("5d1d0a3e-0b0c-4b8e-9d7c-2f6f7c1e0a11");

    @TempDir
    Path tmp;
    final FakeMailbox mailbox = new FakeMailbox();

    CredsDir repository(String name, String onion) throws IOException {
        CredsDir creds = new CredsDir(tmp.resolve(name).resolve("creds"));
        creds.addOwnAddress("tor-annex::" + onion + ":5432");
        return creds;
    }

    static WormholePairing.Link linking(boolean works) {
        return (address, token) -> {
            if (!works) {
                throw new IOException("connection refused");
            }
            return new PeerLink.Linked(PEER, "peer1");
        };
    }

    static LinkRounds rounds() {
        return new LinkRounds(3, () -> { });
    }

    /** Starts a job whose states are recorded, and which a second thread answers with the code {@code theirCode} gives. */
    record Recorded(PairingJob job, List<PairState> states) {}

    Recorded start(CredsDir creds, WormholePairing.Link link) {
        List<PairState> states = new CopyOnWriteArrayList<>();
        return new Recorded(PairingJob.start(creds, mailbox.side(), link, rounds(), states::add), states);
    }

    static String awaitCode(Recorded r) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            for (PairState s : r.states()) {
                if (s instanceof PairState.CodeAllocated c) {
                    return c.code();
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no code allocated; states " + r.states());
    }

    @Test
    void twoJobsGivenEachOthersCodesAreLinkedAndKeepTheTokenTheyAccept() throws Exception {
        CredsDir a = repository("a", PairExchangeTest.ONION_A);
        CredsDir b = repository("b", PairExchangeTest.ONION_B);
        List<org.annexp2p.protocol.wire.AuthToken> presentedByB = new CopyOnWriteArrayList<>();
        Recorded ja = start(a, linking(true));
        Recorded jb = start(b, (address, token) -> {
            presentedByB.add(token);
            return linking(true).link(address, token);
        });
        String codeA = awaitCode(ja);
        String codeB = awaitCode(jb);
        assertThat(ja.job().theirCode(codeB)).isTrue();
        assertThat(jb.job().theirCode(codeA)).isTrue();

        assertThat(ja.job().await()).isEqualTo(new PairState.Linked(PEER.value(), "peer1"));
        assertThat(jb.job().await()).isInstanceOf(PairState.Linked.class);
        assertThat(ja.states()).containsExactly(new PairState.Allocating(), new PairState.CodeAllocated(codeA),
                new PairState.WaitingForPeer(), new PairState.Linking(0), new PairState.Linked(PEER.value(), "peer1"));
        assertThat(a.acceptedTokens()).as("a accepts the token b presents").isEqualTo(presentedByB);
        assertThat(b.acceptedTokens()).hasSize(1);
        assertThat(ja.job().theirCode("7-other-code")).as("a code after the end is not taken").isFalse();
    }

    @Test
    void aLinkThatNeverWorksFailsInWordsAndTakesBackTheAcceptedToken() throws Exception {
        CredsDir a = repository("a", PairExchangeTest.ONION_A);
        CredsDir b = repository("b", PairExchangeTest.ONION_B);
        Recorded ja = start(a, linking(false));
        Recorded jb = start(b, linking(true));
        ja.job().theirCode(awaitCode(jb));
        jb.job().theirCode(awaitCode(ja));

        assertThat(ja.job().await()).isEqualTo(new PairState.Failed("Failed linking to pair: connection refused"));
        assertThat(ja.states()).contains(new PairState.Linking(1), new PairState.Linking(3));
        assertThat(a.acceptedTokens()).as("nothing saved").isEmpty();
        // b's job runs on: a's end says nothing of how far b got (it may not have stored a's token yet).
        assertThat(jb.job().await()).isInstanceOf(PairState.Linked.class);
        assertThat(b.acceptedTokens()).hasSize(1);
    }

    @Test
    void aWrongCodeFailsAndSavesNothing() throws Exception {
        CredsDir a = repository("a", PairExchangeTest.ONION_A);
        var theirs = mailbox.sendBytes(PairExchangeTest.B.format().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Recorded ja = start(a, linking(true));
        awaitCode(ja);
        ja.job().theirCode(theirs.nameplate() + "-wrong-words");

        assertThat(ja.job().await()).isInstanceOf(PairState.Failed.class)
                .extracting(s -> ((PairState.Failed) s).reason()).asString().startsWith("Failed receiving data from pair: ");
        assertThat(a.acceptedTokens()).isEmpty();
        assertThat(Files.exists(a.file("p2pauth").path())).isFalse();
    }

    @Test
    void cancelWhileWaitingForTheirCodeStopsOurSendAndSavesNothing() throws Exception {
        CredsDir a = repository("a", PairExchangeTest.ONION_A);
        Recorded ja = start(a, linking(true));
        awaitCode(ja);
        ja.job().cancel();

        assertThat(ja.job().await()).isEqualTo(new PairState.Failed("cancelled; nothing was saved"));
        assertThat(mailbox.interruptedSends).hasSize(1);
        assertThat(Files.exists(a.file("p2pauth").path())).isFalse();
        assertThat(ja.job().theirCode("1-late-code")).isFalse();
    }

    @Test
    void aRepositoryWithoutAnAddressFailsAtOnceSayingWhatToDo() throws Exception {
        Recorded ja = start(new CredsDir(tmp.resolve("none")), linking(true));
        assertThat(ja.job().await()).isEqualTo(new PairState.Failed(
                "this repository has no P2P address to pair with; run `annex-p2p enable-tor` first"));
    }

    @Test
    void networkAddressesAreSentAndLinkedToAndOurTokenIsAcceptedOnEachOfOursOnly() throws Exception {
        String netA = "p2p-annex::testnet:127.0.0.1:4001";
        CredsDir a = repository("a", PairExchangeTest.ONION_A);
        a.addOwnAddress(netA);
        a.addOwnAddress("tcp://127.0.0.1:4000");
        CredsDir b = new CredsDir(tmp.resolve("b").resolve("creds"));
        b.addOwnAddress("p2p-annex::testnet:127.0.0.1:4002");
        List<String> triedByA = new CopyOnWriteArrayList<>();
        List<String> triedByB = new CopyOnWriteArrayList<>();
        List<org.annexp2p.protocol.wire.AuthToken> presentedByB = new CopyOnWriteArrayList<>();
        Recorded ja = start(a, (address, token) -> {
            triedByA.add(address.format());
            return linking(true).link(address, token);
        });
        Recorded jb = start(b, (address, token) -> {
            triedByB.add(address.format());
            presentedByB.add(token);
            throw new IOException("connection refused");
        });
        ja.job().theirCode(awaitCode(jb));
        jb.job().theirCode(awaitCode(ja));

        assertThat(ja.job().await()).isInstanceOf(PairState.Linked.class);
        assertThat(jb.job().await()).isInstanceOf(PairState.Failed.class);
        assertThat(triedByA).containsExactly("p2p-annex::testnet:127.0.0.1:4002");
        String torA = "tor-annex::" + PairExchangeTest.ONION_A + ":5432";
        assertThat(triedByB).as("b tries a's pairable addresses in p2paddrs' order, the tcp one not sent, each round")
                .containsExactly(netA, torA, netA, torA, netA, torA);
        assertThat(a.acceptedTokens()).as("a Tor address: a plain token").containsExactly(presentedByB.get(0));
        assertThat(AddressTokens.acceptedOn(a, netA)).as("a network address: a token for it").containsExactly(presentedByB.get(0));
        assertThat(AddressTokens.acceptedOn(a, "tcp://127.0.0.1:4000")).isEmpty();
        assertThat(Files.exists(b.file("p2pauth").path()))
                .as("b failed: the token it accepted on its network address is taken back").isTrue();
        assertThat(Files.readString(b.file("p2pauth").path())).isEmpty();
    }
}
