package org.annexp2p.http.server;

import io.vavr.control.Either;
import io.vavr.control.Option;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;

/**
 * The two client exchanges p2phttp has that git-annex's other clients do not: asking where a PUT would resume
 * without sending it (putoffset), and REMOVE-BEFORE with the server's own timestamp that the HTTP client already
 * holds. Each is one message and its answer, through the same Net instructions as every client program.
 */
final class Offers {
    private Offers() {}

    /** Right(some offset) when the server answers PUT-FROM, Right(none) when it already has the content. */
    static Program<Either<String, Option<Offset>>> putOffset(Key key, AssociatedFile file) {
        return new Net.SendMessage(new Message.Put(file, key)).then(new Net.ReceiveMessage()).map(r -> {
            Message m = r instanceof Received.Parsed p ? p.message() : null;
            if (m instanceof Message.PutFrom from) {
                return Either.right(Option.some(from.offset()));
            }
            if (m instanceof Message.AlreadyHave || m instanceof Message.AlreadyHavePlus) {
                return Either.right(Option.none());
            }
            return Either.left(m instanceof Message.Error e ? e.text() : "expected PUT-FROM or ALREADY-HAVE");
        });
    }

    /** Right(removed?) for REMOVE-BEFORE at the server's monotonic {@code before}. */
    static Program<Either<String, Boolean>> removeBefore(Key key, MonotonicTimestamp before) {
        return new Net.SendMessage(new Message.RemoveBefore(before, key)).then(new Net.ReceiveMessage()).map(r -> {
            Message m = r instanceof Received.Parsed p ? p.message() : null;
            if (m instanceof Message.Success || m instanceof Message.SuccessPlus) {
                return Either.right(true);
            }
            if (m instanceof Message.Failure || m instanceof Message.FailurePlus) {
                return Either.right(false);
            }
            return Either.left(m instanceof Message.Error e ? e.text() : "expected SUCCESS or FAILURE");
        });
    }
}
