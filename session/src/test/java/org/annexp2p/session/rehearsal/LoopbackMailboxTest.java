package org.annexp2p.session.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import org.annexp2p.wormhole.mailbox.MailboxClient;
import org.annexp2p.wormhole.mailbox.ServerMessage;
import org.junit.jupiter.api.Test;

class LoopbackMailboxTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void twoWormholeClientsMeetOverItsWebSocket() throws Exception {
        try (LoopbackMailbox mailbox = new LoopbackMailbox();
                MailboxClient sender = MailboxClient.connect(mailbox.url(), "test-app", "aaaaaaaaaa", WAIT);
                MailboxClient receiver = MailboxClient.connect(mailbox.url(), "test-app", "bbbbbbbbbb", WAIT)) {
            String nameplate = sender.allocate();
            sender.open(sender.claim(nameplate));
            sender.add("pake", "hello".getBytes(StandardCharsets.UTF_8));
            receiver.open(receiver.claim(nameplate));
            ServerMessage.Message got = receiver.nextPeerMessage(WAIT);
            assertThat(got.side()).isEqualTo("aaaaaaaaaa");
            assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
            receiver.add("version", "back".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(sender.nextPeerMessage(WAIT).body(), StandardCharsets.UTF_8)).isEqualTo("back");
        }
    }

    /** The training's mailbox trusts every client: another host must not reach it. */
    @Test
    void isNotReachableOnThisHostsOtherAddresses() throws Exception {
        Optional<InetAddress> outside = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> !isLoopback(nic))
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        assumeTrue(outside.isPresent(), "this host has no address but loopback");
        try (LoopbackMailbox mailbox = new LoopbackMailbox(); Socket probe = new Socket()) {
            InetSocketAddress there = new InetSocketAddress(outside.get(), mailbox.url().getPort());
            assertThatThrownBy(() -> probe.connect(there, 5000)).isInstanceOf(IOException.class);
        }
    }

    private static boolean isLoopback(NetworkInterface nic) {
        try {
            return nic.isLoopback();
        } catch (SocketException e) {
            return true;
        }
    }
}
