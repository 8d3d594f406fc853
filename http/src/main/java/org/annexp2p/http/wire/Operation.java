package org.annexp2p.http.wire;

import io.vavr.control.Option;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;

/** What one p2phttp request asks of the repository, each with what it needs to be allowed. */
public sealed interface Operation {

    Access access();

    /** The content of a key from an offset; {@code plain} for the unversioned download any HTTP client may use. */
    record Get(Key key, AssociatedFile file, Offset offset, boolean plain) implements Operation {
        @Override
        public Access access() {
            return Access.READ;
        }
    }

    record CheckPresent(Key key) implements Operation {
        @Override
        public Access access() {
            return Access.READ;
        }
    }

    record LockContent(Key key) implements Operation {
        @Override
        public Access access() {
            return Access.LOCK;
        }
    }

    /** Holds a lock taken by {@link LockContent} while the request body streams {@code {"unlock":false}} lines. */
    record KeepLocked(String lockId) implements Operation {
        @Override
        public Access access() {
            return Access.LOCK;
        }
    }

    record Remove(Key key, Option<MonotonicTimestamp> before) implements Operation {
        @Override
        public Access access() {
            return Access.REMOVE;
        }
    }

    record GetTimestamp() implements Operation {
        @Override
        public Access access() {
            return Access.READ;
        }
    }

    record PutOffset(Key key) implements Operation {
        @Override
        public Access access() {
            return Access.WRITE;
        }
    }

    /** Content for a key from {@code offset}, {@code length} bytes in the body; or, v4, the word that it got there another way. */
    record Put(Key key, AssociatedFile file, Offset offset, Len length, boolean dataPresent) implements Operation {
        @Override
        public Access access() {
            return Access.WRITE;
        }
    }
}
