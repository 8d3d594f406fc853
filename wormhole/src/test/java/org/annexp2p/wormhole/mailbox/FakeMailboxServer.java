package org.annexp2p.wormhole.mailbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.annexp2p.wormhole.PeerProtocolException;

/**
 * An in-memory mailbox server with one mailbox, answering like server 0.4.1 (ack first, then the
 * response; replay on open; echo of adds), plus controls to inject the peer's messages and to cut
 * the connection. Single-threaded use: the client thread drives it through send/take.
 */
final class FakeMailboxServer implements FrameChannel.Factory {

    static final String PEER = "peerside00";

    private final List<ServerMessage.Message> stored = new ArrayList<>();
    private final List<List<ClientMessage>> received = new ArrayList<>();
    private Connection current;
    private boolean loseNextAdd;
    private boolean closed;

    @Override
    public FrameChannel open() {
        current = new Connection();
        received.add(new ArrayList<>());
        current.deliver(new ServerMessage.Welcome(Optional.empty(), Optional.empty(), Optional.empty()));
        return current;
    }

    /** The client that owns this server's connections closed it. */
    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** The peer adds a message: stored, and delivered if our client has the mailbox open. */
    void peerAdds(String phase, byte[] body) {
        ServerMessage.Message m = new ServerMessage.Message(PEER, phase, body);
        stored.add(m);
        if (current != null && current.opened) {
            current.deliver(m);
        }
    }

    /** The next add from the client is lost with the connection, before the server stores it. */
    void loseNextAdd() {
        loseNextAdd = true;
    }

    /** What the WebSocket gives when a frame exceeds its bound: the frame refused, the connection gone. */
    void sendTooLarge() {
        current.inbound.add(new FrameChannel.Inbound.TooLarge(FrameAssembly.MAX_CHARS));
    }

    void cut() {
        current.inbound.add(new FrameChannel.Inbound.End("cut by test"));
    }

    /** The connection dies without either end hearing of it: sends vanish, nothing more arrives. */
    void goSilent() {
        current.silent = true;
    }

    List<List<ClientMessage>> received() {
        return received;
    }

    List<ServerMessage.Message> stored() {
        return stored;
    }

    final class Connection implements FrameChannel {
        private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
        private boolean opened;
        private boolean closed;
        private boolean silent;
        private String side = "?";

        void deliver(ServerMessage m) {
            if (!closed && !silent) {
                inbound.add(new Inbound.Frame(ServerMessageCodec.encode(m)));
            }
        }

        @Override
        public void send(String frame) throws MailboxConnectionException {
            if (closed || this != current) {
                throw new MailboxConnectionException("connection is gone");
            }
            ClientMessage m;
            try {
                m = ClientMessageCodec.decode(frame);
            } catch (PeerProtocolException e) {
                throw new AssertionError("client sent an undecodable frame: " + frame, e);
            }
            if (silent) {
                return;
            }
            received.get(received.size() - 1).add(m);
            if (m instanceof ClientMessage.Add add && loseNextAdd) {
                loseNextAdd = false;
                inbound.add(new Inbound.End("lost with the add of " + add.phase()));
                return;
            }
            deliver(new ServerMessage.Ack(Optional.of("0000")));
            if (m instanceof ClientMessage.Bind b) {
                side = b.side();
            } else if (m instanceof ClientMessage.Allocate) {
                deliver(new ServerMessage.Allocated("7"));
            } else if (m instanceof ClientMessage.Claim) {
                deliver(new ServerMessage.Claimed("mbox"));
            } else if (m instanceof ClientMessage.Release) {
                deliver(new ServerMessage.Released());
            } else if (m instanceof ClientMessage.ListNameplates) {
                deliver(new ServerMessage.Nameplates(List.of("7")));
            } else if (m instanceof ClientMessage.Open) {
                opened = true;
                stored.forEach(this::deliver);
            } else if (m instanceof ClientMessage.Add add) {
                ServerMessage.Message echo = new ServerMessage.Message(side, add.phase(), add.body());
                stored.add(echo);
                deliver(echo);
            } else if (m instanceof ClientMessage.Close) {
                deliver(new ServerMessage.Closed());
            } else if (m instanceof ClientMessage.Ping ping) {
                deliver(new ServerMessage.Pong(ping.ping()));
            }
        }

        @Override
        public Inbound take(Duration timeout) throws MailboxConnectionException {
            try {
                return inbound.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailboxConnectionException("interrupted");
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
