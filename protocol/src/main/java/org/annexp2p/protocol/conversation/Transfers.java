package org.annexp2p.protocol.conversation;

import io.vavr.control.Either;
import io.vavr.control.Option;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.Message.*;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.program.Received;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Validity;

/**
 * The two halves of every content transfer, shared by client and server exactly as in git-annex: the sender
 * (server GET, client PUT) and the receiver (client GET, server PUT).
 */
final class Transfers {
    private Transfers() {}

    /**
     * Sends {@code DATA len}, the bytes of {@code key} from {@code offset}, and (v1+) whether they were valid.
     * Progress is reported as the position in the content (offset included), as on the receiving side.
     * Content that is absent goes as {@code DATA 0} + {@code INVALID}; an offset at or past the end as
     * {@code DATA 0} + {@code VALID}.
     */
    static Program<Unit> sendContent(Key key, AssociatedFile file, Offset offset, Meter progress) {
        Meter meter = n -> progress.progress(offset.value() + n);
        return Local.contentSize(key).flatMap(size -> {
            if (size.isEmpty()) {
                return sendData(Len.ZERO, Option.none(), Program.pure(Validity.INVALID), meter);
            }
            long len = size.get().value() - offset.value();
            if (len <= 0) {
                return sendData(Len.ZERO, Option.none(), Program.pure(Validity.VALID), meter);
            }
            return Local.readContent(key, file, offset).flatMap(payload -> payload.isEmpty()
                    ? sendData(Len.ZERO, Option.none(), Program.pure(Validity.INVALID), meter)
                    : sendData(Len.of(len), payload, Local.checkUnchanged(payload.get()), meter));
        });
    }

    private static Program<Unit> sendData(Len len, Option<Payload> payload, Program<Validity> validity, Meter meter) {
        Program<Unit> bytes = payload.isDefined() ? Net.sendBytes(len, payload.get(), meter) : Program.done();
        return Net.send(new Data(len)).then(bytes).then(() -> Net.protocolVersion()).flatMap(v -> v.hasValidity()
                ? validity.flatMap(ok -> Net.send(ok == Validity.VALID ? new Valid() : new Invalid()))
                : Program.done());
    }

    /**
     * Receives the answer to an offer (GET, or PUT-FROM) into {@code dest}: {@code DATA len}, the bytes, and
     * (v1+) VALID/INVALID; or, if {@code allowDataPresent} and v4, DATA-PRESENT. Right(stored?) when the
     * conversation went as the protocol says; Left(reason) when the peer said something else (we have then
     * sent it ERROR, as git-annex does).
     */
    static Program<Either<String, Boolean>> receiveContent(Destination dest, AssociatedFile file, Offset offset,
            boolean allowDataPresent, Meter meter) {
        return Net.receive().flatMap(r -> Net.protocolVersion().flatMap(version -> {
            Option<Message> m = parsed(r);
            if (m.exists(x -> x instanceof Data)) {
                Len len = ((Data) m.get()).length();
                Meter offsetMeter = n -> meter.progress(offset.value() + n);
                return Net.receiveBytes(len, offsetMeter)
                        .flatMap(payload -> Local.writeContent(dest, file, offset, len, payload))
                        .then(() -> version.hasValidity() ? receiveValidity() : Program.pure(Option.<Validity>none()))
                        .flatMap(validity -> finish(dest, len, validity));
            }
            if (allowDataPresent && version.hasDataPresent() && m.exists(x -> x instanceof DataPresent)) {
                return Local.checkContentPresent(dest.key()).map(Either::<String, Boolean>right);
            }
            return Net.send(new Message.Error("expected DATA")).map(u -> Either.left(unexpected("DATA", r)));
        }));
    }

    private static Program<Either<String, Boolean>> finish(Destination dest, Len len, Option<Validity> validity) {
        // INVALID with no data is how a sender says it has no content: nothing to finish.
        if (len.value() == 0 && validity.contains(Validity.INVALID)) {
            return Program.pure(Either.right(false));
        }
        return Local.finishContent(dest, validity).map(Either::right);
    }

    private static Program<Option<Validity>> receiveValidity() {
        return Net.receive().flatMap(r -> {
            Option<Message> m = parsed(r);
            if (m.exists(x -> x instanceof Valid)) {
                return Program.pure(Option.some(Validity.VALID));
            }
            if (m.exists(x -> x instanceof Invalid)) {
                return Program.pure(Option.some(Validity.INVALID));
            }
            // An unverifiable transfer, like v0: the receiver re-hashes everything.
            return Net.send(new Message.Error("expected VALID or INVALID")).map(u -> Option.none());
        });
    }

    /** After sending content a GET asked for: the client says whether it kept it. */
    static Program<Boolean> awaitSuccess() {
        return Net.receive().flatMap(r -> {
            Option<Message> m = parsed(r);
            if (m.exists(x -> x instanceof Success)) {
                return Program.pure(true);
            }
            if (m.exists(x -> x instanceof Failure)) {
                return Program.pure(false);
            }
            return Net.send(new Message.Error("expected SUCCESS or FAILURE")).map(u -> false);
        });
    }

    static Option<Message> parsed(Received r) {
        return r instanceof Received.Parsed p ? Option.some(p.message()) : Option.none();
    }

    /** A reason for the user: the peer's own ERROR text if it sent one, else what we expected and got. */
    static String unexpected(String expected, Received r) {
        if (r instanceof Received.Parsed p && p.message() instanceof Message.Error e) {
            return e.text();
        }
        String got = r instanceof Received.Parsed p ? p.message().getClass().getSimpleName()
                : ((Received.Unparseable) r).error().describe();
        return "expected " + expected + " from the peer, got " + got;
    }
}
