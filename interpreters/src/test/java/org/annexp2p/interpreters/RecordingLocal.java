package org.annexp2p.interpreters;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Validity;

/** A Local handler that only records which instructions reached it. */
final class RecordingLocal implements Local.Handler {
    final List<String> calls = new ArrayList<>();

    private <T> T note(Object i, T result) {
        calls.add(i.getClass().getSimpleName());
        return result;
    }

    @Override public Either<String, Len> claimTransfer(Local.ClaimTransfer i) { return note(i, Either.right(Len.ZERO)); }
    @Override public Len destinationSize(Local.DestinationSize i) { return note(i, Len.ZERO); }
    @Override public Option<Len> contentSize(Local.ContentSize i) { return note(i, Option.none()); }
    @Override public Option<Payload> readContent(Local.ReadContent i) { return note(i, Option.none()); }
    @Override public Validity checkUnchanged(Local.CheckUnchanged i) { return note(i, Validity.VALID); }
    @Override public Len writeContent(Local.WriteContent i) { return note(i, Len.ZERO); }
    @Override public Boolean finishContent(Local.FinishContent i) { return note(i, false); }
    @Override public Unit setPresent(Local.SetPresent i) { return note(i, Unit.UNIT); }
    @Override public Boolean checkContentPresent(Local.CheckContentPresent i) { return note(i, false); }
    @Override public Boolean removeContent(Local.RemoveContent i) { return note(i, false); }
    @Override public Boolean lockContent(Local.LockContent i) { return note(i, false); }
    @Override public Unit unlockContent(Local.UnlockContent i) { return note(i, Unit.UNIT); }
    @Override public ChangedRefs waitRefChange(Local.WaitRefChange i) { return note(i, new ChangedRefs(io.vavr.collection.List.empty())); }
    @Override public Long localTime(Local.LocalTime i) { return note(i, 0L); }
}
