package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;

/**
 * A git-annex repository as the P2P protocol needs it: complete objects, partial copies that transfers resume,
 * the location log, and content locks. {@link AnnexRepository} is one on disk, {@link MemoryRepository} one in
 * memory; the interpreters module's {@code RepositoryLocal} performs the protocol's Local instructions over either.
 */
public interface Repository {

    Uuid uuid();

    /** Size of the complete content of {@code key}; none if it is not here. */
    Option<Len> contentSize(Key key) throws IOException;

    default boolean hasContent(Key key) throws IOException {
        return contentSize(key).isDefined();
    }

    /**
     * The content of {@code key} from {@code offset} on; none if it is not here. The stream closes itself at its
     * end; {@link #checkUnchanged} closes it too.
     */
    Option<Payload> readContent(Key key, Offset offset) throws IOException;

    /** VALID if the content behind a payload from {@link #readContent} is still what was there when it opened. */
    Validity checkUnchanged(Payload payload) throws IOException;

    /** Bytes already held for a destination (0 if none): where a transfer into it resumes. */
    Len partialSize(Destination destination) throws IOException;

    /**
     * Starts receiving into a destination. None if another transfer into the same destination is running;
     * a destination has one writer at a time.
     */
    Option<Transfer> beginTransfer(Destination destination) throws IOException;

    /** Why content of {@code key} can never be stored here, if it cannot (e.g. its name is no file name here). */
    default Option<String> unstorable(Key key) {
        return Option.none();
    }

    /**
     * Records in the location log that repository {@code uuid} has (or no longer has) {@code key}. This
     * repository itself is only logged as having content it has: for its own UUID, "present" is recorded only if
     * the content is here at that moment (it may have been removed since it was stored).
     */
    void recordPresence(Key key, Uuid uuid, boolean present) throws IOException;

    /**
     * Logs content that a transfer completed into {@code destination}, the same way whoever received it: into
     * the object store, this repository as having it (as a server logs a PUT it received); into a file outside
     * the repository, nothing.
     */
    default void recordArrival(Destination destination) throws IOException {
        if (destination instanceof Destination.ObjectStore) {
            recordPresence(destination.key(), uuid(), true);
        }
    }

    /** The repositories the location log says have {@code key}. */
    List<Uuid> locations(Key key) throws IOException;

    /** Locks the content against removal; none if it is absent or being removed. Close to unlock. */
    Option<ContentLock> lockContent(Key key) throws IOException;

    /**
     * Removes the content, unless it is locked or {@code stillAllowed} (asked while holding the removal lock)
     * says no, and logs this repository as no longer having it. True if the content is not here afterwards.
     */
    boolean removeContent(Key key, BooleanSupplier stillAllowed) throws IOException;

    /** Blocks until refs change. */
    ChangedRefs waitRefChange() throws IOException;
}
