package org.annexp2p.protocol.conversation;

import static org.annexp2p.protocol.conversation.Dialogue.expect;
import static org.annexp2p.protocol.conversation.Dialogue.send;

import io.vavr.control.Either;
import io.vavr.control.Option;
import org.annexp2p.protocol.conversation.Dialogue.Expected;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.message.Message.*;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Program;
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

    private static final Expected SUCCESS = Expected.reply("SUCCESS or FAILURE");

    /**
     * Sends {@code DATA len}, the bytes of {@code key} from {@code offset}, and (v1+) whether they were valid.
     * Progress is reported as the position in the content (offset included), as on the receiving side.
     * Content that is absent goes as {@code DATA 0} + {@code INVALID}; an offset at or past the end as
     * {@code DATA 0} + {@code VALID}.
     */
    static Program<Unit> sendContent(Key key, AssociatedFile file, Offset offset, Meter progress) {
        Meter meter = n -> progress.progress(offset.value() + n);
        return new Local.ContentSize(key).flatMap(size -> {
            if (size.isEmpty()) {
                return sendData(Len.ZERO, Option.none(), Program.pure(Validity.INVALID), meter);
            }
            long len = size.get().value() - offset.value();
            if (len <= 0) {
                return sendData(Len.ZERO, Option.none(), Program.pure(Validity.VALID), meter);
            }
            return new Local.ReadContent(key, file, offset).flatMap(payload -> payload.isEmpty()
                    ? sendData(Len.ZERO, Option.none(), Program.pure(Validity.INVALID), meter)
                    : sendData(Len.of(len), payload, new Local.CheckUnchanged(payload.get()), meter));
        });
    }

    private static Program<Unit> sendData(Len len, Option<Payload> payload, Program<Validity> validity, Meter meter) {
        Program<Unit> bytes = payload.<Program<Unit>>map(p -> new Net.SendBytes(len, p, meter)).getOrElse(Program.done());
        return send(new Data(len)).then(bytes).then(new Net.GetProtocolVersion()).flatMap(v -> v.hasValidity()
                ? validity.flatMap(ok -> send(ok == Validity.VALID ? new Valid() : new Invalid()))
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
        return new Net.GetProtocolVersion().flatMap(version -> {
            Program<Either<String, Message>> answer = allowDataPresent && version.hasDataPresent()
                    ? expect(Expected.reply("DATA"), Data.class, DataPresent.class)
                    : expect(Expected.reply("DATA"), Data.class);
            return answer.flatMap(Dialogue.andThen(m -> {
                if (!(m instanceof Data d)) {
                    return new Local.CheckContentPresent(dest.key()).map(Either::<String, Boolean>right);
                }
                Meter offsetMeter = n -> meter.progress(offset.value() + n);
                return new Net.ReceiveBytes(d.length(), offsetMeter)
                        .flatMap(payload -> new Local.WriteContent(dest, file, offset, d.length(), payload))
                        .then(() -> version.hasValidity() ? receiveValidity() : Program.pure(Option.<Validity>none()))
                        .flatMap(validity -> finish(dest, d.length(), validity));
            }));
        });
    }

    private static Program<Either<String, Boolean>> finish(Destination dest, Len len, Option<Validity> validity) {
        // INVALID with no data is how a sender says it has no content: nothing to finish.
        if (len.value() == 0 && validity.contains(Validity.INVALID)) {
            return Program.pure(Either.right(false));
        }
        return new Local.FinishContent(dest, validity).map(Either::right);
    }

    /** None when the peer said neither: an unverifiable transfer, like v0, so the receiver re-hashes everything. */
    private static Program<Option<Validity>> receiveValidity() {
        return expect(Expected.reply("VALID or INVALID"), Valid.class, Invalid.class)
                .map(r -> r.toOption().map(m -> m instanceof Valid ? Validity.VALID : Validity.INVALID));
    }

    /** After sending content a GET asked for: the client says whether it kept it. */
    static Program<Boolean> awaitSuccess() {
        return expect(SUCCESS, Success.class, Failure.class).map(r -> r.isRight() && r.get() instanceof Success);
    }
}
