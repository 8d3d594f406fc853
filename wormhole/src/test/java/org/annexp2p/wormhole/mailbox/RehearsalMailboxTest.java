package org.annexp2p.wormhole.mailbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.annexp2p.wormhole.WormholeTimeoutException;
import org.junit.jupiter.api.Test;

class RehearsalMailboxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final URI RELAY = URI.create("ws://127.0.0.1:1/v1");

    private final RehearsalMailbox mailbox = new RehearsalMailbox();

    /** A channel straight into the mailbox: what a WebSocket between them would carry. */
    private FrameChannel.Factory channels() {
        return () -> {
            BlockingQueue<FrameChannel.Inbound> inbound = new LinkedBlockingQueue<>();
            RehearsalMailbox.Client client = mailbox.connect(frame -> inbound.add(new FrameChannel.Inbound.Frame(frame)));
            return new FrameChannel() {
                @Override
                public void send(String frame) {
                    client.receive(frame);
                }

                @Override
                public Inbound take(Duration timeout) throws MailboxConnectionException {
                    try {
                        return inbound.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MailboxConnectionException("interrupted");
                    }
                }

                @Override
                public void close() {
                    client.disconnected();
                }
            };
        };
    }

    private MailboxClient client(String side) throws Exception {
        return MailboxClient.connect(channels(), Duration.ofMillis(10), RELAY, "test-app", side, WAIT);
    }

    @Test
    void twoClientsExchangeThroughOneNameplate() throws Exception {
        try (MailboxClient sender = client("aaaaaaaaaa"); MailboxClient receiver = client("bbbbbbbbbb")) {
            String nameplate = sender.allocate();
            String box = sender.claim(nameplate);
            sender.open(box);
            sender.add("pake", "from the sender".getBytes(StandardCharsets.UTF_8));
            // The receiver opens after the add: the mailbox replays it.
            receiver.open(receiver.claim(nameplate));
            ServerMessage.Message got = receiver.nextPeerMessage(WAIT);
            assertEquals("aaaaaaaaaa", got.side());
            assertEquals("pake", got.phase());
            assertArrayEquals("from the sender".getBytes(StandardCharsets.UTF_8), got.body());
            // Both have it open now: an add reaches the other side at once.
            receiver.add("version", "from the receiver".getBytes(StandardCharsets.UTF_8));
            ServerMessage.Message back = sender.nextPeerMessage(WAIT);
            assertEquals("bbbbbbbbbb", back.side());
            assertArrayEquals("from the receiver".getBytes(StandardCharsets.UTF_8), back.body());
        }
    }

    @Test
    void nameplatesAreAllocatedAfreshAndMailboxesKeptApart() throws Exception {
        try (MailboxClient first = client("aaaaaaaaaa"); MailboxClient second = client("bbbbbbbbbb");
                MailboxClient other = client("cccccccccc")) {
            String one = first.allocate();
            String two = other.allocate();
            assertNotEquals(one, two);
            first.open(first.claim(one));
            first.add("pake", new byte[] {1});
            other.open(other.claim(two));
            other.add("pake", new byte[] {2});
            second.open(second.claim(one));
            assertArrayEquals(new byte[] {1}, second.nextPeerMessage(WAIT).body());
            assertThrows(WormholeTimeoutException.class, () -> first.nextPeerMessage(Duration.ofMillis(300)),
                    "a message from another mailbox reached this one");
        }
    }
}
