package org.annexp2p.wormhole.mailbox;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.annexp2p.wormhole.MailboxServerException;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.WormholeTimeoutException;

/**
 * A client bound to one (appid, side) on a mailbox server: the rendezvous commands, each waiting a
 * bounded time for its answer, plus a stream of the peer's messages with our echoes and duplicate
 * phases removed. Not thread-safe: one wormhole drives one client.
 */
public final class MailboxClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebSocketChannel channel;
    private final String side;
    private final Duration serverTimeout;
    private final ServerMessage.Welcome welcome;
    private final Deque<ServerMessage.Message> peerMessages = new ArrayDeque<>();
    private final Set<String> seenPeerPhases = new HashSet<>();
    private Optional<String> mailbox = Optional.empty();
    private Optional<String> claimed = Optional.empty();
    private boolean released;
    private boolean closed;

    private MailboxClient(WebSocketChannel channel, String side, Duration serverTimeout) throws WormholeException {
        this.channel = channel;
        this.side = side;
        this.serverTimeout = serverTimeout;
        this.welcome = awaitReply(ServerMessage.Welcome.class, "welcome");
        if (welcome.error().isPresent()) {
            throw new MailboxServerException(welcome.error().get(), "welcome");
        }
    }

    /** Connects, waits for the server's welcome and binds; {@code serverTimeout} bounds every server round trip. */
    public static MailboxClient connect(URI relay, String appId, String side, Duration serverTimeout) throws WormholeException {
        WebSocketChannel channel = WebSocketChannel.connect(relay, serverTimeout);
        try {
            MailboxClient client = new MailboxClient(channel, side, serverTimeout);
            client.send(new ClientMessage.Bind(appId, side));
            return client;
        } catch (WormholeException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A fresh random side: 10 hex characters, as the Python client makes. */
    public static String newSide() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public String side() {
        return side;
    }

    public Optional<String> motd() {
        return welcome.motd();
    }

    public List<String> listNameplates() throws WormholeException {
        send(new ClientMessage.ListNameplates());
        return awaitReply(ServerMessage.Nameplates.class, "list").nameplates();
    }

    public String allocate() throws WormholeException {
        send(new ClientMessage.Allocate());
        return awaitReply(ServerMessage.Allocated.class, "allocate").nameplate();
    }

    /** Claims the nameplate and returns its mailbox id; "crowded" comes back as a {@link MailboxServerException}. */
    public String claim(String nameplate) throws WormholeException {
        send(new ClientMessage.Claim(nameplate));
        String mailboxId = awaitReply(ServerMessage.Claimed.class, "claim").mailbox();
        claimed = Optional.of(nameplate);
        return mailboxId;
    }

    /** Releases without waiting: the answer may arrive among the peer's messages and is skipped there. */
    public void release(String nameplate) throws WormholeException {
        send(new ClientMessage.Release(Optional.of(nameplate)));
        released = true;
    }

    public void open(String mailboxId) throws WormholeException {
        send(new ClientMessage.Open(mailboxId));
        mailbox = Optional.of(mailboxId);
    }

    public void add(String phase, byte[] body) throws WormholeException {
        send(new ClientMessage.Add(phase, body));
    }

    /** The peer's next message (never our own echo, never a repeated phase), waiting at most {@code timeout}. */
    public ServerMessage.Message nextPeerMessage(Duration timeout) throws WormholeException {
        if (!peerMessages.isEmpty()) {
            return peerMessages.removeFirst();
        }
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            ServerMessage m = receive(deadline, "a message from the other side");
            if (m instanceof ServerMessage.Error e) {
                throw new MailboxServerException(e.error(), e.command());
            }
            if (m instanceof ServerMessage.Message msg && isNewPeerMessage(msg)) {
                return msg;
            }
        }
    }

    /**
     * Releases a still-claimed nameplate (so a failed wormhole does not keep its number), closes the
     * mailbox with a mood, waits briefly for the server's answers, then drops the connection.
     */
    public void closeMailbox(String mood) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (claimed.isPresent() && !released) {
                release(claimed.get());
                if (mailbox.isEmpty()) {
                    awaitReply(ServerMessage.Released.class, "release");
                }
            }
            if (mailbox.isPresent()) {
                send(new ClientMessage.Close(mailbox.get(), mood));
                awaitReply(ServerMessage.Closed.class, "close");
            }
        } catch (WormholeException e) {
            // The mailbox expires on the server anyway; closing is best effort.
        } finally {
            channel.close();
        }
    }

    @Override
    public void close() {
        closeMailbox("errory");
    }

    private boolean isNewPeerMessage(ServerMessage.Message msg) {
        return !msg.side().equals(side) && seenPeerPhases.add(msg.phase());
    }

    private void send(ClientMessage message) throws WormholeException {
        byte[] id = new byte[2];
        RANDOM.nextBytes(id);
        channel.send(ClientMessageCodec.encode(message, HexFormat.of().formatHex(id)));
    }

    private <T extends ServerMessage> T awaitReply(Class<T> type, String command) throws WormholeException {
        Instant deadline = Instant.now().plus(serverTimeout);
        while (true) {
            ServerMessage m = receive(deadline, "the server's answer to " + command);
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            if (m instanceof ServerMessage.Error e) {
                throw new MailboxServerException(e.error(), e.command());
            }
            if (m instanceof ServerMessage.Message msg && isNewPeerMessage(msg)) {
                peerMessages.addLast(msg);
            }
        }
    }

    private ServerMessage receive(Instant deadline, String what) throws WormholeException {
        Duration left = Duration.between(Instant.now(), deadline);
        WebSocketChannel.Inbound in = channel.take(left);
        if (in == null) {
            throw new WormholeTimeoutException("timed out waiting for " + what);
        }
        if (in instanceof WebSocketChannel.Inbound.End end) {
            throw new MailboxConnectionException(end.why());
        }
        String frame = ((WebSocketChannel.Inbound.Frame) in).text();
        return ServerMessageCodec.decode(frame);
    }
}
