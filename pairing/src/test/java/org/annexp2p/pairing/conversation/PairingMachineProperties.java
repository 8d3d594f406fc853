package org.annexp2p.pairing.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.annexp2p.pairing.TestSecrets;
import org.annexp2p.pairing.tls.KeyFingerprint;
import org.annexp2p.transports.datagram.DatagramFaults;

class PairingMachineProperties {

    @Property(tries = 60)
    void pairsUnderModerateLossDuplicationAndReordering(@ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 0.3) double drop,
            @ForAll @DoubleRange(min = 0, max = 0.5) double duplicate,
            @ForAll @DoubleRange(min = 0, max = 0.5) double reorder) {
        DatagramFaults faults = DatagramFaults.none().withDropRate(drop).withDuplicateRate(duplicate).withReorderRate(reorder);
        Simulation.Outcome o = Simulation.run(seed, faults, TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.GROUP));
        assertBothPaired(o);
        Statistics.label("faults").collect(o.stats().dropped() > 0 ? "dropped" : "none dropped");
        Statistics.label("duplicates").collect(o.stats().duplicated() > 0 ? "duplicated" : "none duplicated");
        Statistics.label("reorders").collect(o.stats().reordered() > 0 ? "reordered" : "none reordered");
    }

    @Property(tries = 3)
    void theFaultsReallyHappen(@ForAll long seed) {
        DatagramFaults faults = DatagramFaults.none().withDropRate(0.3).withDuplicateRate(0.5).withReorderRate(0.5);
        Simulation.Outcome o = Simulation.run(seed, faults, TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.GROUP));
        assertBothPaired(o);
        assertThat(o.stats().dropped() + o.stats().duplicated() + o.stats().reordered()).isPositive();
    }

    @Property(tries = 60)
    void underAnyLossEachSideEndsPairedOrWithAReasonAndNeverDisagrees(@ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 1) double drop,
            @ForAll @DoubleRange(min = 0, max = 1) double duplicate,
            @ForAll @DoubleRange(min = 0, max = 1) double reorder) {
        DatagramFaults faults = DatagramFaults.none().withDropRate(drop).withDuplicateRate(duplicate).withReorderRate(reorder);
        Simulation.Outcome o = Simulation.run(seed, faults, TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.GROUP));
        for (PairingState s : List.of(o.requester(), o.responder())) {
            if (s instanceof PairingState.Failed f) {
                assertThat(f.reason()).isNotBlank();
            } else {
                assertThat(s).isInstanceOf(PairingState.Paired.class);
            }
        }
        if (o.requester() instanceof PairingState.Paired && o.responder() instanceof PairingState.Paired) {
            assertBothPaired(o);
        }
        if (o.responder() instanceof PairingState.Paired) {
            // The responder only pairs on a Done, which the requester sends only once it has the result.
            assertThat(o.requester()).isInstanceOf(PairingState.Paired.class);
        }
    }

    @Property(tries = 30)
    void aWrongSecretNeverPairsAndTheFailureSaysWhy(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = 0, max = 0.5) double duplicate) {
        DatagramFaults faults = DatagramFaults.none().withDuplicateRate(duplicate);
        Simulation.Outcome o = Simulation.run(seed, faults, TestSecrets.GOOD, TestSecrets.OTHER, List.of(Simulation.GROUP));
        assertThat(o.requester()).isInstanceOf(PairingState.Failed.class);
        assertThat(o.responder()).isInstanceOfSatisfying(PairingState.Failed.class,
                f -> assertThat(f.reason()).contains("wrong MAC").contains("different secret"));
    }

    @Property(tries = 10)
    void multicastBlockedFailsClearlyButUnicastToTheKnownAddressPairs(@ForAll long seed) {
        DatagramFaults blocked = DatagramFaults.none().withMulticastBlocked(true);
        Simulation.Outcome viaGroup = Simulation.run(seed, blocked, TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.GROUP));
        assertThat(viaGroup.requester()).isInstanceOfSatisfying(PairingState.Failed.class,
                f -> assertThat(f.reason()).contains("no device acknowledged"));
        assertThat(viaGroup.responder()).isInstanceOfSatisfying(PairingState.Failed.class,
                f -> assertThat(f.reason()).contains("no pairing request arrived"));

        Simulation.Outcome viaUnicast = Simulation.run(seed, blocked, TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.RESPONDER));
        assertBothPaired(viaUnicast);
    }

    @Property(tries = 10)
    void aQrCodesKeyIsEnforcedANonMatchingAcknowledgerNeverPairs(@ForAll long seed) {
        KeyFingerprint notTheResponders = new KeyFingerprint(new byte[32]);
        Simulation.Outcome o = Simulation.run(seed, DatagramFaults.none(), TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.GROUP),
                Optional.of(notTheResponders));
        assertThat(o.requester()).isInstanceOfSatisfying(PairingState.Failed.class,
                f -> assertThat(f.reason()).contains("key other than the one in the QR code"));
        assertThat(o.responder()).isInstanceOfSatisfying(PairingState.Failed.class, f -> assertThat(f.reason()).contains("never confirmed"));
    }

    @Property(tries = 5)
    void aQrCodesMatchingKeyPairs(@ForAll long seed) {
        Simulation.Outcome probe = Simulation.run(seed, DatagramFaults.none(), TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.GROUP));
        KeyFingerprint respondersKey = KeyFingerprint.of(probe.responderData().publicKey());
        Simulation.Outcome o = Simulation.run(seed, DatagramFaults.none(), TestSecrets.GOOD, TestSecrets.GOOD, List.of(Simulation.GROUP),
                Optional.of(respondersKey));
        assertBothPaired(o);
    }

    @Property(tries = 5)
    void apIsolationFailsOnBothSides(@ForAll long seed) {
        Simulation.Outcome o = Simulation.run(seed, DatagramFaults.none().withApIsolation(true), TestSecrets.GOOD, TestSecrets.GOOD,
                List.of(Simulation.GROUP, Simulation.RESPONDER));
        assertThat(o.requester()).isInstanceOf(PairingState.Failed.class);
        assertThat(o.responder()).isInstanceOf(PairingState.Failed.class);
    }

    @Property(tries = 200)
    void garbageForgedAndOversizedDatagramsNeverDerailAConversation(@ForAll("hostileDatagrams") byte[] datagram,
            @ForAll boolean requester) {
        Random random = new Random(7);
        PairData ours = Simulation.data("alpha", 1, random);
        PairingSetup setup = new PairingSetup(requester ? PairingSetup.Role.REQUESTER : PairingSetup.Role.RESPONDER, ours, TestSecrets.GOOD,
                "00112233445566778899aabbccddeeff", EphemeralKey.fromSeed(new byte[32]), List.of(Simulation.GROUP), Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ZERO, Optional.empty());
        PairingState before = PairingMachine.start(setup, 0).state();
        Step after = PairingMachine.step(before, new PairingEvent.Received(Simulation.RESPONDER, datagram, 5));
        assertThat(after.state()).isEqualTo(withSameTallyIgnored(before, after.state()));
        assertThat(after.outputs()).noneMatch(o -> o instanceof Output.Send);
    }

    @Provide
    Arbitrary<byte[]> hostileDatagrams() {
        MessageCodec forger = new MessageCodec(TestSecrets.OTHER);
        Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<byte[]> forged = PairArbitraries.messages().map(forger::encode);
        Arbitrary<byte[]> oversized = Arbitraries.integers().between(MessageCodec.MAX_SIZE + 1, 70_000).map(byte[]::new);
        Arbitrary<byte[]> truncated = PairArbitraries.messages().map(m -> {
            byte[] b = new MessageCodec(TestSecrets.GOOD).encode(m);
            return java.util.Arrays.copyOf(b, b.length / 2);
        });
        return Arbitraries.oneOf(garbage, forged, oversized, truncated);
    }

    /** Refused datagrams may only change the tally; the state itself (and every deadline) stays as it was. */
    private static PairingState withSameTallyIgnored(PairingState before, PairingState after) {
        if (before instanceof PairingState.Requesting b && after instanceof PairingState.Requesting a) {
            return new PairingState.Requesting(b.setup(), b.nextSendMillis(), b.deadlineMillis(), a.tally());
        }
        if (before instanceof PairingState.Listening b && after instanceof PairingState.Listening a) {
            return new PairingState.Listening(b.setup(), b.deadlineMillis(), a.tally());
        }
        return before;
    }

    private static void assertBothPaired(Simulation.Outcome o) {
        assertThat(o.requester()).isInstanceOf(PairingState.Paired.class);
        assertThat(o.responder()).isInstanceOf(PairingState.Paired.class);
        PairingResult atRequester = ((PairingState.Paired) o.requester()).result();
        PairingResult atResponder = ((PairingState.Paired) o.responder()).result();
        assertThat(atRequester.peer()).isEqualTo(o.responderData());
        assertThat(atResponder.peer()).isEqualTo(o.requesterData());
        assertThat(atRequester.token()).isEqualTo(atResponder.token());
        assertThat(atRequester.token().value()).hasSize(128).matches("[0-9a-f]+");
    }
}
