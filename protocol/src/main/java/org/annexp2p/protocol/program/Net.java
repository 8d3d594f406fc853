package org.annexp2p.protocol.program;

import java.io.IOException;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;

/**
 * Instructions that talk to the peer. Each is a record, a one-step program of its result type, whose
 * {@code accept} calls its own {@link Handler} method: an interpreter that does not handle a new instruction
 * does not compile.
 */
public sealed interface Net<A> extends Instruction<A> {

    /** Performs this instruction with {@code handler}; the result type is the instruction's own. */
    A accept(Handler handler) throws IOException;

    /** How an interpreter performs each Net instruction. */
    interface Handler {
        Unit sendMessage(SendMessage i) throws IOException;

        Received receiveMessage(ReceiveMessage i) throws IOException;

        Unit sendBytes(SendBytes i) throws IOException;

        Payload receiveBytes(ReceiveBytes i) throws IOException;

        Boolean checkAuthToken(CheckAuthToken i) throws IOException;

        ExitCode relayService(RelayService i) throws IOException;

        ExitCode relay(Relay i) throws IOException;

        Unit setProtocolVersion(SetProtocolVersion i) throws IOException;

        ProtocolVersion getProtocolVersion(GetProtocolVersion i) throws IOException;

        MonotonicTimestamp getMonotonicTimestamp(GetMonotonicTimestamp i) throws IOException;
    }

    /** Write one protocol line. */
    record SendMessage(Message message) implements Net<Unit> {
        @Override
        public Unit accept(Handler h) throws IOException {
            return h.sendMessage(this);
        }
    }

    /**
     * Read one protocol line: a message, or a line that did not parse (the peer is still there). {@code request}:
     * the line is a server's next request, read between exchanges, where nothing of a conversation is under way
     * (no lock held, no transfer half done), so an interpreter may set the conversation aside until the peer speaks.
     */
    record ReceiveMessage(boolean request) implements Net<Received> {
        public ReceiveMessage() {
            this(false);
        }

        /** A server's wait for the peer's next request. */
        public static ReceiveMessage nextRequest() {
            return new ReceiveMessage(true);
        }

        @Override
        public Received accept(Handler h) throws IOException {
            return h.receiveMessage(this);
        }
    }

    /** Send exactly {@code length} bytes of {@code payload} (the interpreter fails, and must hang up, if it has fewer). */
    record SendBytes(Len length, Payload payload, Meter meter) implements Net<Unit> {
        @Override
        public Unit accept(Handler h) throws IOException {
            return h.sendBytes(this);
        }
    }

    /** Receive up to {@code length} bytes as a payload; it ends early only if the connection is lost. */
    record ReceiveBytes(Len length, Meter meter) implements Net<Payload> {
        @Override
        public Payload accept(Handler h) throws IOException {
            return h.receiveBytes(this);
        }
    }

    /** Does this connection accept {@code token} from {@code uuid}? (Compared in constant time.) */
    record CheckAuthToken(Uuid uuid, AuthToken token) implements Net<Boolean> {
        @Override
        public Boolean accept(Handler h) throws IOException {
            return h.checkAuthToken(this);
        }
    }

    /** Server side of CONNECT: run the git service and relay DATA both ways until it exits. */
    record RelayService(Service service) implements Net<ExitCode> {
        @Override
        public ExitCode accept(Handler h) throws IOException {
            return h.relayService(this);
        }
    }

    /** Client side of CONNECT: relay between our local git and the peer until the peer says CONNECTDONE. */
    record Relay() implements Net<ExitCode> {
        @Override
        public ExitCode accept(Handler h) throws IOException {
            return h.relay(this);
        }
    }

    record SetProtocolVersion(ProtocolVersion version) implements Net<Unit> {
        @Override
        public Unit accept(Handler h) throws IOException {
            return h.setProtocolVersion(this);
        }
    }

    record GetProtocolVersion() implements Net<ProtocolVersion> {
        @Override
        public ProtocolVersion accept(Handler h) throws IOException {
            return h.getProtocolVersion(this);
        }
    }

    record GetMonotonicTimestamp() implements Net<MonotonicTimestamp> {
        @Override
        public MonotonicTimestamp accept(Handler h) throws IOException {
            return h.getMonotonicTimestamp(this);
        }
    }
}
