package org.annexp2p.wormhole.mailbox;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.annexp2p.wormhole.MailboxServerException;
import org.annexp2p.wormhole.PeerProtocolException;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.WormholeTimeoutException;

/**
 * A client bound to one (appid, side) on a mailbox server: the rendezvous commands, each waiting a
 * bounded time for its answer, plus a stream of the peer's messages with our echoes and duplicate
 * phases removed. When the connection drops it reconnects as the Python client does (backoff from
 * 1 s, ×1.5), re-binding, re-claiming, re-opening and re-sending every message the server has not
 * echoed yet, for as long as the current wait allows. Not thread-safe: one wormhole drives one client.
 */
public final class MailboxClient implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger(MailboxClient.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /**
     * How long the connection may stay silent before we ping the server. A connection can die without either end
     * saying so (seen once after a mailbox server restart in CI: the wait then ran out with the peer's messages
     * sitting on the new server); a ping unanswered for as long again means it is dead, and we reconnect.
     */
    private static final Duration QUIET = Duration.ofSeconds(10);

    private final URI relay;
    private final String appId;
    private final String side;
    private final Duration serverTimeout;
    private final ServerMessage.Welcome welcome;
    private final Deque<ServerMessage.Message> peerMessages = new ArrayDeque<>();
    private final Set<String> seenPeerPhases = new HashSet<>();
    /** Our adds the server has not echoed back yet: they must be re-sent after a reconnect. */
    private final Map<String, byte[]> unechoed = new LinkedHashMap<>();
    private final FrameChannel.Factory channels;
    private final Duration firstBackoff;
    private final Duration quiet;
    private long pings;
    private FrameChannel channel;
    private Optional<ClientMessage> inFlight = Optional.empty();
    private Optional<String> mailbox = Optional.empty();
    private Optional<String> claimed = Optional.empty();
    private boolean released;
    private boolean reconnecting;
    private boolean closed;

    private MailboxClient(FrameChannel.Factory channels, Duration firstBackoff, Duration quiet, URI relay, String appId,
                          String side, Duration serverTimeout) throws WormholeException {
        this.channels = channels;
        this.firstBackoff = firstBackoff;
        this.quiet = quiet;
        this.relay = relay;
        this.appId = appId;
        this.side = side;
        this.serverTimeout = serverTimeout;
        this.reconnecting = true; // the first connection gets no second chance: an unreachable server fails fast
        try {
            this.welcome = connectAndBind();
        } catch (WormholeException | RuntimeException e) {
            channels.close();
            throw e;
        }
        this.reconnecting = false;
    }

    /** Connects, waits for the server's welcome and binds; {@code serverTimeout} bounds every server round trip. */
    public static MailboxClient connect(URI relay, String appId, String side, Duration serverTimeout) throws WormholeException {
        return new MailboxClient(new MailboxSockets(relay, serverTimeout), FIRST_BACKOFF, QUIET, relay, appId,
                side, serverTimeout);
    }

    /**
     * Over any channel, with a chosen first reconnect delay; {@code relay} only names the server in messages. The
     * client owns {@code channels} and closes it when it closes (or fails to connect).
     */
    static MailboxClient connect(FrameChannel.Factory channels, Duration firstBackoff, URI relay, String appId, String side,
                                 Duration serverTimeout) throws WormholeException {
        return connect(channels, firstBackoff, QUIET, relay, appId, side, serverTimeout);
    }

    /** As above, pinging the server after {@code quiet} of silence. */
    static MailboxClient connect(FrameChannel.Factory channels, Duration firstBackoff, Duration quiet, URI relay, String appId,
                                 String side, Duration serverTimeout) throws WormholeException {
        return new MailboxClient(channels, firstBackoff, quiet, relay, appId, side, serverTimeout);
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
        return request(new ClientMessage.ListNameplates(), ServerMessage.Nameplates.class, "list").nameplates();
    }

    public String allocate() throws WormholeException {
        return request(new ClientMessage.Allocate(), ServerMessage.Allocated.class, "allocate").nameplate();
    }

    /** Claims the nameplate and returns its mailbox id; "crowded" comes back as a {@link MailboxServerException}. */
    public String claim(String nameplate) throws WormholeException {
        String mailboxId = request(new ClientMessage.Claim(nameplate), ServerMessage.Claimed.class, "claim").mailbox();
        claimed = Optional.of(nameplate);
        return mailboxId;
    }

    /** Releases without waiting: the answer may arrive among the peer's messages and is skipped there. */
    public void release(String nameplate) throws WormholeException {
        released = true;
        send(new ClientMessage.Release(Optional.of(nameplate)));
    }

    public void open(String mailboxId) throws WormholeException {
        mailbox = Optional.of(mailboxId);
        send(new ClientMessage.Open(mailboxId));
    }

    public void add(String phase, byte[] body) throws WormholeException {
        unechoed.put(phase, body.clone());
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
        reconnecting = true; // closing is best effort: never wait for a server that went away
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
            // The mailbox expires on the server anyway.
        } finally {
            closed = true;
            channel.close();
            channels.close();
        }
    }

    @Override
    public void close() {
        closeMailbox("errory");
    }

    private boolean isNewPeerMessage(ServerMessage.Message msg) {
        if (msg.side().equals(side)) {
            unechoed.remove(msg.phase());
            return false;
        }
        return seenPeerPhases.add(msg.phase());
    }

    private <T extends ServerMessage> T request(ClientMessage command, Class<T> reply, String name) throws WormholeException {
        inFlight = Optional.of(command);
        send(command);
        T answer = awaitReply(reply, name);
        inFlight = Optional.empty();
        return answer;
    }

    private void send(ClientMessage message) throws WormholeException {
        try {
            transmit(message);
        } catch (MailboxConnectionException e) {
            if (reconnecting || closed) {
                throw e;
            }
            // What was being sent is recorded (state, in-flight command, unechoed add) and goes out again.
            reconnect(e.getMessage(), Instant.now().plus(serverTimeout.multipliedBy(2)));
        }
    }

    private void transmit(ClientMessage message) throws MailboxConnectionException {
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
        boolean pinged = false;
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            boolean untilDeadline = left.compareTo(quiet) < 0;
            FrameChannel.Inbound in = channel.take(untilDeadline ? left : quiet);
            String why;
            if (in instanceof FrameChannel.Inbound.Frame frame) {
                ServerMessage m = ServerMessageCodec.decode(frame.text());
                if (m instanceof ServerMessage.Pong) {
                    pinged = false; // alive; a pong is nobody's answer
                    continue;
                }
                return m;
            } else if (in instanceof FrameChannel.Inbound.End end) {
                why = end.why();
            } else if (in instanceof FrameChannel.Inbound.TooLarge big) {
                // Not a lost connection: reconnecting would only be handed the same message again.
                throw new PeerProtocolException("the mailbox server sent a message longer than " + (big.limit() >> 20)
                        + " Mi characters, refused (a hostile peer?)");
            } else if (untilDeadline || !Instant.now().isBefore(deadline)) {
                // A wait that ran to the deadline is the deadline, even when the clock read after it lags a hair
                // behind: taking it for a silent server made a ping with no time left to answer look like a dead
                // connection, and a timeout came out as "could not reconnect".
                throw new WormholeTimeoutException("timed out waiting for " + what);
            } else if (pinged) {
                why = "the mailbox server answered no ping for " + quiet.toSeconds() + " s";
            } else {
                why = ping();
                if (why == null) {
                    pinged = true;
                    continue;
                }
            }
            // The connection is gone, whether the server said so or stopped answering.
            if (reconnecting || closed) {
                throw new MailboxConnectionException(why);
            }
            reconnect(why, deadline);
            pinged = false;
        }
    }

    /** Asks a silent server whether it is still there: null once asked, else why the connection is dead. */
    private String ping() {
        try {
            transmit(new ClientMessage.Ping(++pings));
            return null;
        } catch (MailboxConnectionException e) {
            return e.getMessage();
        }
    }

    private ServerMessage.Welcome connectAndBind() throws WormholeException {
        channel = channels.open();
        try {
            ServerMessage.Welcome w = awaitReply(ServerMessage.Welcome.class, "welcome");
            if (w.error().isPresent()) {
                throw new MailboxServerException(w.error().get(), "welcome");
            }
            transmit(new ClientMessage.Bind(appId, side));
            return w;
        } catch (WormholeException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void reconnect(String why, Instant deadline) throws WormholeException {
        reconnecting = true;
        channel.close();
        LOG.log(System.Logger.Level.DEBUG, "mailbox connection lost ({0}); reconnecting", why);
        Duration backoff = firstBackoff;
        try {
            while (Instant.now().plus(backoff).isBefore(deadline)) {
                pause(backoff);
                try {
                    connectAndBind();
                    restore();
                    return;
                } catch (MailboxConnectionException | WormholeTimeoutException e) {
                    LOG.log(System.Logger.Level.DEBUG, "mailbox reconnect failed: {0}", e.getMessage());
                    channel.close();
                    backoff = backoff.multipliedBy(3).dividedBy(2);
                    backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
                }
            }
            throw new MailboxConnectionException("lost the connection to the mailbox server " + relay + " (" + why
                    + ") and could not reconnect");
        } finally {
            reconnecting = false;
        }
    }

    /** Brings a fresh connection back to where the old one was. */
    private void restore() throws WormholeException {
        if (claimed.isPresent() && !released) {
            transmit(new ClientMessage.Claim(claimed.get()));
            String mailboxId = awaitReply(ServerMessage.Claimed.class, "claim").mailbox();
            // A server that lost its state makes a new mailbox for the nameplate; the peer will be there.
            mailbox = mailbox.map(old -> mailboxId);
        }
        if (mailbox.isPresent()) {
            transmit(new ClientMessage.Open(mailbox.get()));
        }
        for (Map.Entry<String, byte[]> add : new java.util.ArrayList<>(unechoed.entrySet())) {
            transmit(new ClientMessage.Add(add.getKey(), add.getValue()));
        }
        if (inFlight.isPresent()) {
            transmit(inFlight.get());
        }
    }

    private static void pause(Duration d) throws MailboxConnectionException {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxConnectionException("interrupted while reconnecting to the mailbox server");
        }
    }
}
