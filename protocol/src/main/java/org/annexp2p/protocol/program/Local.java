package org.annexp2p.protocol.program;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;

/**
 * Instructions that touch the local repository. Only an interpreter that holds a repository can perform
 * them, and servers only run under such an interpreter after the peer has authenticated. As with {@link Net},
 * each record's {@code accept} calls its own {@link Handler} method.
 */
public sealed interface Local<A> extends Instruction<A> {

    /** Performs this instruction with {@code handler}; the result type is the instruction's own. */
    A accept(Handler handler) throws IOException;

    /** How an interpreter performs each Local instruction. */
    interface Handler {
        Either<String, Len> claimTransfer(ClaimTransfer i) throws IOException;

        Len destinationSize(DestinationSize i) throws IOException;

        Option<Len> contentSize(ContentSize i) throws IOException;

        Option<Payload> readContent(ReadContent i) throws IOException;

        Validity checkUnchanged(CheckUnchanged i) throws IOException;

        Len writeContent(WriteContent i) throws IOException;

        Boolean finishContent(FinishContent i) throws IOException;

        Unit setPresent(SetPresent i) throws IOException;

        Boolean checkContentPresent(CheckContentPresent i) throws IOException;

        Boolean removeContent(RemoveContent i) throws IOException;

        Boolean lockContent(LockContent i) throws IOException;

        Unit unlockContent(UnlockContent i) throws IOException;

        ChangedRefs waitRefChange(WaitRefChange i) throws IOException;

        Long localTime(LocalTime i) throws IOException;
    }

    /**
     * Before answering a PUT: claims the receipt of {@code key}'s content for this connection and gives the size of
     * the partial copy it resumes (0 if none), the PUT-FROM offset; or why it cannot be received now (another
     * connection is receiving it, or it can never be stored here), which the peer is told before it sends a byte.
     */
    record ClaimTransfer(Key key) implements Local<Either<String, Len>> {
        @Override
        public Either<String, Len> accept(Handler h) throws IOException {
            return h.claimTransfer(this);
        }
    }

    /** Size of what a destination already holds (0 if nothing): the GET resume offset. */
    record DestinationSize(Destination destination) implements Local<Len> {
        @Override
        public Len accept(Handler h) throws IOException {
            return h.destinationSize(this);
        }
    }

    /** Size of the complete content of {@code key}, if present. */
    record ContentSize(Key key) implements Local<Option<Len>> {
        @Override
        public Option<Len> accept(Handler h) throws IOException {
            return h.contentSize(this);
        }
    }

    /** Opens the content of {@code key} from {@code offset} on; none if not present. */
    record ReadContent(Key key, AssociatedFile file, Offset offset) implements Local<Option<Payload>> {
        @Override
        public Option<Payload> accept(Handler h) throws IOException {
            return h.readContent(this);
        }
    }

    /** After sending a payload from {@link ReadContent}: did the file change while it was read? */
    record CheckUnchanged(Payload payload) implements Local<Validity> {
        @Override
        public Validity accept(Handler h) throws IOException {
            return h.checkUnchanged(this);
        }
    }

    /**
     * Appends a received payload at {@code offset} of the destination's partial copy, hashing as it writes.
     * Consumes the whole payload (or fails, ending the connection). Returns the bytes written.
     */
    record WriteContent(Destination destination, AssociatedFile file, Offset offset, Len length, Payload payload)
            implements Local<Len> {
        @Override
        public Len accept(Handler h) throws IOException {
            return h.writeContent(this);
        }
    }

    /**
     * Completes a transfer: with the full size present and the content verified (hash for hash backends, size
     * for others; a full re-hash unless {@code validity} is VALID), moves it into place atomically. Otherwise
     * returns false; a partial copy that may still be right is kept so the transfer can resume, bad content is
     * discarded.
     */
    record FinishContent(Destination destination, Option<Validity> validity) implements Local<Boolean> {
        @Override
        public Boolean accept(Handler h) throws IOException {
            return h.finishContent(this);
        }
    }

    /** Records in the location log that repository {@code uuid} has {@code key}. */
    record SetPresent(Key key, Uuid uuid) implements Local<Unit> {
        @Override
        public Unit accept(Handler h) throws IOException {
            return h.setPresent(this);
        }
    }

    record CheckContentPresent(Key key) implements Local<Boolean> {
        @Override
        public Boolean accept(Handler h) throws IOException {
            return h.checkContentPresent(this);
        }
    }

    /**
     * Removes the content of {@code key}; with a {@code before} timestamp, only if the monotonic clock is still
     * before it. True if the content is gone afterwards (also when it was never there).
     */
    record RemoveContent(Key key, Option<MonotonicTimestamp> before) implements Local<Boolean> {
        @Override
        public Boolean accept(Handler h) throws IOException {
            return h.removeContent(this);
        }
    }

    /** Locks the content of {@code key} against removal; false if it is not present or cannot be locked. */
    record LockContent(Key key) implements Local<Boolean> {
        @Override
        public Boolean accept(Handler h) throws IOException {
            return h.lockContent(this);
        }
    }

    record UnlockContent(Key key) implements Local<Unit> {
        @Override
        public Unit accept(Handler h) throws IOException {
            return h.unlockContent(this);
        }
    }

    /** Blocks until refs change; fails if this connection has no change notification. */
    record WaitRefChange() implements Local<ChangedRefs> {
        @Override
        public ChangedRefs accept(Handler h) throws IOException {
            return h.waitRefChange(this);
        }
    }

    /** Local POSIX time in seconds, for computing a REMOVE-BEFORE deadline. */
    record LocalTime() implements Local<Long> {
        @Override
        public Long accept(Handler h) throws IOException {
            return h.localTime(this);
        }
    }
}
