package org.annexp2p.wormhole;

import java.util.Optional;
import org.annexp2p.wormhole.code.Code;
import org.annexp2p.wormhole.transfer.AppMessage;

/** The sending half of a text message: offer, then wait for the peer's acknowledgement. */
final class TextTransfer {

    private final WormholeOptions options;

    TextTransfer(WormholeOptions options) {
        this.options = options;
    }

    void send(String text, Optional<Code> code, SendListener listener) throws WormholeException {
        try (Session session = Session.open(options, code, listener::codeReady)) {
            Verification.check(session, listener.verify(session.verifier()));
            session.send(new AppMessage.TextOffer(text));
            while (true) {
                AppMessage m = session.receive();
                if (m instanceof AppMessage.MessageAck ack) {
                    if (!ack.ack().equals("ok")) {
                        throw new TransferException("the other side did not acknowledge the message: " + ack.ack());
                    }
                    session.close("happy");
                    return;
                }
                if (m instanceof AppMessage.Error e) {
                    throw new TransferException("the other side reported an error: " + e.error());
                }
                if (!(m instanceof AppMessage.Ignored)) {
                    throw new PeerProtocolException("the other side answered a text offer with an unexpected message");
                }
            }
        }
    }
}
