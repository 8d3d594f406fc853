package org.annexp2p.protocol.conversation;

import java.util.function.Function;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Received;

/**
 * git-annex's server loop: unparseable lines get {@code ERROR unknown command} and serving goes on (that is
 * what lets the protocol grow); a client ERROR ends the conversation; out-of-place messages get
 * {@code ERROR unexpected command}.
 */
final class ServerLoop {
    private ServerLoop() {}

    static final String UNKNOWN_COMMAND = "unknown command";
    static final String UNEXPECTED_COMMAND = "unexpected command";

    /** Serves until the handler stops or the client sends ERROR; true if the handler stopped it. */
    static Program<Boolean> serve(Function<Message, Program<Handled>> handler) {
        return Net.receive().flatMap(r -> {
            if (r instanceof Received.Unparseable) {
                return Net.send(new Message.Error(UNKNOWN_COMMAND)).then(() -> serve(handler));
            }
            Message m = ((Received.Parsed) r).message();
            if (m instanceof Message.Error) {
                return Program.pure(false);
            }
            return handler.apply(m).flatMap(h -> switch (h) {
                case STOP -> Program.pure(true);
                case CONTINUE -> serve(handler);
                case UNEXPECTED -> Net.send(new Message.Error(UNEXPECTED_COMMAND)).then(() -> serve(handler));
            });
        });
    }
}
