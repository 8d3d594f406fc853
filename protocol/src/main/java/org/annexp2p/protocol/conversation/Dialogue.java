package org.annexp2p.protocol.conversation;

import io.vavr.control.Either;
import java.util.function.Function;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.MessageCodec;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.WireText;

/**
 * The words client and server conversations are written in, so they read like the protocol's transcripts:
 * send a message, expect one of the replies the protocol allows next, and go on only if it came.
 */
final class Dialogue {
    private Dialogue() {}

    /**
     * What a conversation waits for: {@code named} for the user's reason when something else came, and the
     * ERROR text the peer is then sent (git-annex's own wording, which does not always name the same thing).
     */
    record Expected(String named, String errorToPeer) {
        static Expected reply(String named) {
            return new Expected(named, "expected " + named);
        }
    }

    static Program<Unit> send(Message message) {
        return new Net.SendMessage(message);
    }

    /** SUCCESS or FAILURE: whether the receiver of content kept it, or whether a request was done. */
    static Program<Unit> sendSuccess(boolean ok) {
        return send(ok ? new Message.Success() : new Message.Failure());
    }

    /**
     * Receives the next message: Right if it is one of {@code accepted}. Anything else is answered with
     * {@code ERROR}, as git-annex does, and Left says for the user what came instead.
     */
    @SafeVarargs
    static <M extends Message> Program<Either<String, M>> expect(Expected what, Class<? extends M>... accepted) {
        return new Net.ReceiveMessage().flatMap(r -> {
            if (r instanceof Received.Parsed p) {
                for (Class<? extends M> type : accepted) {
                    if (type.isInstance(p.message())) {
                        return right(type.cast(p.message()));
                    }
                }
            }
            return send(new Message.Error(what.errorToPeer())).map(u -> Either.left(unexpected(what.named(), r)));
        });
    }

    /** Goes on with {@code next} after a Right; a Left is the result as it is. */
    static <A, B> Function<Either<String, A>, Program<Either<String, B>>> andThen(
            Function<? super A, ? extends Program<Either<String, B>>> next) {
        return e -> e.isLeft() ? Program.pure(Either.left(e.getLeft())) : next.apply(e.get());
    }

    static <T> Program<Either<String, T>> right(T value) {
        return Program.pure(Either.right(value));
    }

    /**
     * A reason for the user: the peer's own ERROR text if it sent one, else what we expected and got — the
     * message's command word as the protocol spells it, never its fields (an AUTH line holds a token).
     */
    static String unexpected(String expected, Received r) {
        if (r instanceof Received.Parsed p && p.message() instanceof Message.Error e) {
            return e.text();
        }
        String got = r instanceof Received.Parsed p ? commandWord(p.message())
                : ((Received.Unparseable) r).error().describe();
        return "expected " + expected + " from the peer, got " + got;
    }

    private static String commandWord(Message m) {
        return WireText.ofBytes(MessageCodec.encode(m)).split("[ \n]", 2)[0];
    }
}
