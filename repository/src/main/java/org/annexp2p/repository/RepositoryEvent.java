package org.annexp2p.repository;

import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.wire.Uuid;

/**
 * Everything a {@link MemoryRepository} was asked to do, in order, so a test can prove what happened — or that
 * nothing did. Reads are recorded too: "untouched" means not even looked at.
 */
public sealed interface RepositoryEvent {

    /** Whether the event changed the repository's state. */
    default boolean mutates() {
        return true;
    }

    record Looked(String operation, String subject) implements RepositoryEvent {
        @Override
        public boolean mutates() {
            return false;
        }
    }

    record PartialWritten(Destination destination, long offset, long bytes) implements RepositoryEvent {}

    record PartialDiscarded(Destination destination) implements RepositoryEvent {}

    record ContentStored(Destination destination) implements RepositoryEvent {}

    record PresenceRecorded(Key key, Uuid uuid, boolean present) implements RepositoryEvent {}

    record ContentRemoved(Key key) implements RepositoryEvent {}

    record ContentLocked(Key key) implements RepositoryEvent {}

    record ContentUnlocked(Key key) implements RepositoryEvent {}
}
