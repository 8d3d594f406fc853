package org.annexp2p.pairing.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.annexp2p.pairing.TestSecrets;
import org.junit.jupiter.api.Test;

class PairingMachineTest {

    private static final String SESSION = "00112233445566778899aabbccddeeff";
    private static final InetSocketAddress PEER = new InetSocketAddress("192.168.7.3", 55558);

    @Test
    void anAcknowledgementWithADegenerateKeyExchangeValueIsIgnoredNotPaired() {
        Random random = new Random(1);
        PairingSetup setup = new PairingSetup(PairingSetup.Role.REQUESTER, Simulation.data("alpha", 1, random), TestSecrets.GOOD, SESSION,
                EphemeralKey.generate(), List.of(Simulation.GROUP), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ZERO, Optional.empty());
        PairingState start = PairingMachine.start(setup, 0).state();
        byte[] lowOrder = new MessageCodec(TestSecrets.GOOD).encode(
                new PairMessage.Acknowledge(SESSION, Simulation.data("beta", 2, random), "00".repeat(32)));

        Step step = PairingMachine.step(start, new PairingEvent.Received(PEER, lowOrder, 1));

        assertThat(step.state()).isInstanceOfSatisfying(PairingState.Requesting.class, r -> assertThat(r.tally().malformed()).isEqualTo(1));
        assertThat(step.outputs()).noneMatch(o -> o instanceof Output.Send);
    }

    @Test
    void bothSidesDeriveTheSameTokenOnlyFromTheirOwnPrivateKeys() {
        EphemeralKey a = EphemeralKey.generate();
        EphemeralKey b = EphemeralKey.generate();
        AuthToken atA = PairingMachine.token(TestSecrets.GOOD, SESSION, a.publicHex(), b.publicHex(), a.agree(b.publicHex()).orElseThrow());
        AuthToken atB = PairingMachine.token(TestSecrets.GOOD, SESSION, a.publicHex(), b.publicHex(), b.agree(a.publicHex()).orElseThrow());
        AuthToken eavesdropper = PairingMachine.token(TestSecrets.GOOD, SESSION, a.publicHex(), b.publicHex(), new byte[32]);
        assertThat(atA).isEqualTo(atB).isNotEqualTo(eavesdropper);
        assertThat(a.toString()).contains(a.publicHex()).doesNotContain("private");
    }
}
