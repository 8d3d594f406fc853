package org.annexp2p.protocol.conversation;

import static org.annexp2p.protocol.conversation.Dialogue.send;

import io.vavr.control.Option;
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

    /** Serves until the handler stops, with its result, or the client sends ERROR (none). */
    static <T> Program<Option<T>> serve(Function<Message, Program<Handled<T>>> handler) {
        return Net.ReceiveMessage.nextRequest().flatMap(r -> {
            if (!(r instanceof Received.Parsed p)) {
                return send(new Message.Error(UNKNOWN_COMMAND)).then(() -> serve(handler));
            }
            if (p.message() instanceof Message.Error) {
                return Program.pure(Option.none());
            }
            return handler.apply(p.message()).flatMap(h -> {
                if (h instanceof Handled.Stop<T> stop) {
                    return Program.pure(Option.some(stop.result()));
                }
                Program<?> answer = h instanceof Handled.Unexpected ? send(new Message.Error(UNEXPECTED_COMMAND)) : Program.done();
                return answer.then(() -> serve(handler));
            });
        });
    }
}
