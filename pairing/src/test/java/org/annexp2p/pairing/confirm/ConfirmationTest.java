package org.annexp2p.pairing.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.annexp2p.pairing.TestSecrets;
import org.annexp2p.pairing.discovery.DeviceId;
import org.annexp2p.pairing.tls.TlsIdentity;
import org.junit.jupiter.api.Test;

class ConfirmationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final TlsIdentity A = TlsIdentity.generate("a");
    private static final TlsIdentity B = TlsIdentity.generate("b");

    @Test
    void bConfirmsTheAddressASawByCallingItselfAndALearnsBsKey() throws Exception {
        InetAddress lo = ip("127.0.0.1");
        try (ConfirmationListener b = ConfirmationListener.open(new InetSocketAddress(lo, 0), B, TestSecrets.GOOD, TIMEOUT)) {
            CallerDetails a = new CallerDetails(DeviceId.random(), lo, 4242, lo);
            CallOutcome outcome = ConfirmationCall.call(new InetSocketAddress(lo, b.port()), a, TestSecrets.GOOD, A, TIMEOUT);
            assertThat(outcome).isEqualTo(new CallOutcome.Confirmed(lo, B.fingerprint()));
            assertThat(b.confirmedAddresses()).containsExactly(lo);
            assertThat(b.nextCaller(TIMEOUT)).contains(a);
        }
    }

    @Test
    void anAddressBCannotReachItselfAtIsUnconfirmedWithTheReason() throws Exception {
        InetAddress lo = ip("127.0.0.1");
        try (ConfirmationListener b = ConfirmationListener.open(new InetSocketAddress(lo, 0), B, TestSecrets.GOOD, TIMEOUT)) {
            CallerDetails a = new CallerDetails(DeviceId.random(), lo, 4242, ip("127.0.0.7"));
            CallOutcome outcome = ConfirmationCall.call(new InetSocketAddress(lo, b.port()), a, TestSecrets.GOOD, A, TIMEOUT);
            assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unconfirmed.class,
                    u -> assertThat(u.reason()).contains("cannot call ourselves at 127.0.0.7"));
            assertThat(b.confirmedAddresses()).isEmpty();
        }
    }

    @Test
    void aCallerWithAnotherSecretIsRefusedAndNotQueued() throws Exception {
        InetAddress lo = ip("127.0.0.1");
        try (ConfirmationListener b = ConfirmationListener.open(new InetSocketAddress(lo, 0), B, TestSecrets.GOOD, TIMEOUT)) {
            CallerDetails a = new CallerDetails(DeviceId.random(), lo, 4242, lo);
            CallOutcome outcome = ConfirmationCall.call(new InetSocketAddress(lo, b.port()), a, TestSecrets.OTHER, A, TIMEOUT);
            assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unconfirmed.class,
                    u -> assertThat(u.reason()).contains("MAC does not match"));
            assertThat(b.nextCaller(Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void nobodyListeningIsUnconfirmedNotAnException() throws IOException {
        InetAddress lo = ip("127.0.0.1");
        int port;
        try (ConfirmationListener b = ConfirmationListener.open(new InetSocketAddress(lo, 0), B, TestSecrets.GOOD, TIMEOUT)) {
            port = b.port();
        }
        CallOutcome outcome = ConfirmationCall.call(new InetSocketAddress(lo, port), new CallerDetails(DeviceId.random(), lo, 1, lo), TestSecrets.GOOD, A, TIMEOUT);
        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unconfirmed.class, u -> assertThat(u.reason()).contains("127.0.0.1:" + port));
    }

    private static InetAddress ip(String literal) throws IOException {
        return ConfirmationCall.literal(literal);
    }
}
