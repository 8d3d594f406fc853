package org.annexp2p.wormhole.mailbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.wormhole.PeerProtocolException;

/**
 * Enough of a mailbox for a rehearsal, not a server to run: the build's class-data training moves a file between two
 * wormhole commands inside one JVM, and they need a mailbox that answers the messages they send. It keeps everything
 * in memory forever, trusts every client, never expires a nameplate and hands out one mailbox per nameplate; what it
 * answers follows the real server (ack first, then the response; every stored message replayed on open; every add
 * echoed to each side that has the mailbox open). The transport (a WebSocket) is the caller's.
 */
public final class RehearsalMailbox {

    private final Map<String, List<ServerMessage.Message>> mailboxes = new HashMap<>();
    private final Map<String, List<Client>> listeners = new HashMap<>();
    private int nameplates;

    /** A new client connection whose frames to the client go to {@code toClient}; it is welcomed at once. */
    public synchronized Client connect(Consumer<String> toClient) {
        Client client = new Client(toClient);
        client.deliver(new ServerMessage.Welcome(Optional.empty(), Optional.empty(), Optional.empty()));
        return client;
    }

    /** One client's connection: the frames it sends go to {@link #receive}. */
    public final class Client {
        private final Consumer<String> toClient;
        private String side = "";
        private Optional<String> open = Optional.empty();

        private Client(Consumer<String> toClient) {
            this.toClient = toClient;
        }

        /** Answers one frame from the client; a frame that is not a client message is refused with an error. */
        public void receive(String frame) {
            synchronized (RehearsalMailbox.this) {
                ClientMessage message;
                try {
                    message = ClientMessageCodec.decode(frame);
                } catch (PeerProtocolException e) {
                    deliver(new ServerMessage.Error("not a client message", "?"));
                    return;
                }
                deliver(new ServerMessage.Ack(Optional.empty()));
                answer(message);
            }
        }

        /** The connection ended: nothing more is delivered to it. */
        public void disconnected() {
            synchronized (RehearsalMailbox.this) {
                open.ifPresent(id -> listeners.getOrDefault(id, new ArrayList<>()).remove(this));
                open = Optional.empty();
            }
        }

        private void answer(ClientMessage message) {
            if (message instanceof ClientMessage.Bind bind) {
                side = bind.side();
            } else if (message instanceof ClientMessage.Allocate) {
                nameplates++;
                deliver(new ServerMessage.Allocated(Integer.toString(nameplates)));
            } else if (message instanceof ClientMessage.Claim claim) {
                deliver(new ServerMessage.Claimed("mailbox-" + claim.nameplate()));
            } else if (message instanceof ClientMessage.ListNameplates) {
                deliver(new ServerMessage.Nameplates(List.of()));
            } else if (message instanceof ClientMessage.Release) {
                deliver(new ServerMessage.Released());
            } else if (message instanceof ClientMessage.Open o) {
                open = Optional.of(o.mailbox());
                listeners.computeIfAbsent(o.mailbox(), id -> new ArrayList<>()).add(this);
                mailboxes.computeIfAbsent(o.mailbox(), id -> new ArrayList<>()).forEach(this::deliver);
            } else if (message instanceof ClientMessage.Add add && open.isPresent()) {
                ServerMessage.Message stored = new ServerMessage.Message(side, add.phase(), add.body());
                mailboxes.get(open.get()).add(stored);
                listeners.get(open.get()).forEach(c -> c.deliver(stored));
            } else if (message instanceof ClientMessage.Add) {
                deliver(new ServerMessage.Error("must open mailbox before adding", "add"));
            } else if (message instanceof ClientMessage.Close) {
                disconnected();
                deliver(new ServerMessage.Closed());
            } else if (message instanceof ClientMessage.Ping ping) {
                deliver(new ServerMessage.Pong(ping.ping()));
            }
        }

        private void deliver(ServerMessage message) {
            toClient.accept(ServerMessageCodec.encode(message));
        }
    }
}
