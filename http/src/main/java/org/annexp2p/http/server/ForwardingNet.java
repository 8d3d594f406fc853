package org.annexp2p.http.server;

import java.io.IOException;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.ProtocolVersion;

/** Net instructions performed by another handler; a subclass takes over the ones it changes. */
abstract class ForwardingNet implements Net.Handler {
    private final Net.Handler net;

    ForwardingNet(Net.Handler net) {
        this.net = net;
    }

    @Override
    public Unit sendMessage(Net.SendMessage i) throws IOException {
        return net.sendMessage(i);
    }

    @Override
    public Received receiveMessage(Net.ReceiveMessage i) throws IOException {
        return net.receiveMessage(i);
    }

    @Override
    public Unit sendBytes(Net.SendBytes i) throws IOException {
        return net.sendBytes(i);
    }

    @Override
    public Payload receiveBytes(Net.ReceiveBytes i) throws IOException {
        return net.receiveBytes(i);
    }

    @Override
    public Boolean checkAuthToken(Net.CheckAuthToken i) throws IOException {
        return net.checkAuthToken(i);
    }

    @Override
    public ExitCode relayService(Net.RelayService i) throws IOException {
        return net.relayService(i);
    }

    @Override
    public ExitCode relay(Net.Relay i) throws IOException {
        return net.relay(i);
    }

    @Override
    public Unit setProtocolVersion(Net.SetProtocolVersion i) throws IOException {
        return net.setProtocolVersion(i);
    }

    @Override
    public ProtocolVersion getProtocolVersion(Net.GetProtocolVersion i) throws IOException {
        return net.getProtocolVersion(i);
    }

    @Override
    public MonotonicTimestamp getMonotonicTimestamp(Net.GetMonotonicTimestamp i) throws IOException {
        return net.getMonotonicTimestamp(i);
    }
}
