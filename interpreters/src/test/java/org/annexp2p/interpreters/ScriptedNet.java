package org.annexp2p.interpreters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;

/** A Net handler for tests: replies come from a script, everything performed is recorded. */
final class ScriptedNet implements Net.Handler {
    final Deque<Received> replies = new ArrayDeque<>();
    final List<Net<?>> performed = new ArrayList<>();
    ProtocolVersion version = ProtocolVersion.V0;
    long versionReads;

    ScriptedNet reply(Message... ms) {
        for (Message m : ms) {
            replies.add(new Received.Parsed(m));
        }
        return this;
    }

    @Override
    public Unit sendMessage(Net.SendMessage i) {
        performed.add(i);
        return Unit.UNIT;
    }

    @Override
    public Received receiveMessage(Net.ReceiveMessage i) throws IOException {
        performed.add(i);
        Received r = replies.poll();
        if (r == null) {
            throw new PeerClosedException("script ended");
        }
        return r;
    }

    @Override
    public Unit sendBytes(Net.SendBytes i) throws IOException {
        performed.add(i);
        try (InputStream s = i.payload().stream()) {
            s.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return Unit.UNIT;
    }

    @Override
    public Payload receiveBytes(Net.ReceiveBytes i) {
        performed.add(i);
        byte[] b = new byte[(int) i.length().value()];
        return new Payload() {
            @Override
            public Len length() {
                return i.length();
            }

            @Override
            public InputStream stream() {
                return new ByteArrayInputStream(b);
            }
        };
    }

    @Override
    public Boolean checkAuthToken(Net.CheckAuthToken i) {
        performed.add(i);
        return false;
    }

    @Override
    public ExitCode relayService(Net.RelayService i) {
        performed.add(i);
        return ExitCode.SUCCESS;
    }

    @Override
    public ExitCode relay(Net.Relay i) {
        performed.add(i);
        return ExitCode.SUCCESS;
    }

    @Override
    public Unit setProtocolVersion(Net.SetProtocolVersion i) {
        performed.add(i);
        version = i.version();
        return Unit.UNIT;
    }

    @Override
    public ProtocolVersion getProtocolVersion(Net.GetProtocolVersion i) {
        versionReads++;
        return version;
    }

    @Override
    public MonotonicTimestamp getMonotonicTimestamp(Net.GetMonotonicTimestamp i) {
        performed.add(i);
        return MonotonicTimestamp.of(7);
    }
}
