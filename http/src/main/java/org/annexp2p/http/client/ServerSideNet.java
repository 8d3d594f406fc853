package org.annexp2p.http.client;

import java.io.IOException;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;

/**
 * The Net of the server program that answers for a repository behind p2phttp: the in-memory pipe to our client,
 * except that the server's monotonic clock is the remote server's (REMOVE-BEFORE deadlines are in its clock), and
 * that each GET read is shown to the {@link HttpRepository}, whose download starts at that GET's offset.
 */
final class ServerSideNet implements Net.Handler {
    private final Net.Handler pipe;
    private final HttpRepository repository;

    ServerSideNet(Net.Handler pipe, HttpRepository repository) {
        this.pipe = pipe;
        this.repository = repository;
    }

    @Override
    public Received receiveMessage(Net.ReceiveMessage i) throws IOException {
        Received r = pipe.receiveMessage(i);
        if (r instanceof Received.Parsed p && p.message() instanceof Message.Get g) {
            repository.answering(g);
        }
        return r;
    }

    @Override
    public MonotonicTimestamp getMonotonicTimestamp(Net.GetMonotonicTimestamp i) throws IOException {
        return repository.client().timestamp();
    }

    @Override
    public Unit sendMessage(Net.SendMessage i) throws IOException {
        return pipe.sendMessage(i);
    }

    @Override
    public Unit sendBytes(Net.SendBytes i) throws IOException {
        return pipe.sendBytes(i);
    }

    @Override
    public Payload receiveBytes(Net.ReceiveBytes i) throws IOException {
        return pipe.receiveBytes(i);
    }

    @Override
    public Boolean checkAuthToken(Net.CheckAuthToken i) throws IOException {
        return pipe.checkAuthToken(i);
    }

    @Override
    public ExitCode relayService(Net.RelayService i) throws IOException {
        throw new IOException("p2phttp does not carry git");
    }

    @Override
    public ExitCode relay(Net.Relay i) throws IOException {
        throw new IOException("p2phttp does not carry git");
    }

    @Override
    public Unit setProtocolVersion(Net.SetProtocolVersion i) throws IOException {
        return pipe.setProtocolVersion(i);
    }

    @Override
    public ProtocolVersion getProtocolVersion(Net.GetProtocolVersion i) throws IOException {
        return pipe.getProtocolVersion(i);
    }
}
