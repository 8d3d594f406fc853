package org.annexp2p.wormhole.mailbox;

import java.time.Duration;
import org.annexp2p.wormhole.MailboxConnectionException;
import org.annexp2p.wormhole.WormholeTimeoutException;

/** Whole text frames to and from the mailbox server; the WebSocket in production, a script in tests. */
interface FrameChannel extends AutoCloseable {

    /** An item taken from the channel: a whole frame, the end of the connection, or a frame refused for its size. */
    sealed interface Inbound {
        record Frame(String text) implements Inbound {
        }

        record End(String why) implements Inbound {
        }

        /** A frame longer than {@code limit} characters arrived and was dropped; the connection is gone with it. */
        record TooLarge(int limit) implements Inbound {
        }
    }

    /** Opens a fresh connection; called again for every reconnect. Closed with the client it serves. */
    @FunctionalInterface
    interface Factory extends AutoCloseable {
        FrameChannel open() throws MailboxConnectionException, WormholeTimeoutException;

        /** Releases what the connections shared (none by default); the connections themselves are closed first. */
        @Override
        default void close() {
        }
    }

    void send(String frame) throws MailboxConnectionException;

    /** The next frame or the end marker; null when nothing arrived within {@code timeout}. */
    Inbound take(Duration timeout) throws MailboxConnectionException;

    @Override
    void close();
}
