package org.annexp2p.protocol.message;

import io.vavr.collection.List;
import java.util.Objects;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.ExitCode;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.MonotonicTimestamp;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.ProtocolVersion;
import org.annexp2p.protocol.wire.Service;
import org.annexp2p.protocol.wire.Uuid;

/**
 * Every message of git-annex's P2P protocol, versions 0 to 4. One line each on the wire; see
 * {@link MessageCodec} for the exact bytes. The cases live right here so the whole protocol reads in one page.
 */
public sealed interface Message {

    /** C→S: authenticate as repository {@code uuid} with {@code token}. */
    record Auth(Uuid uuid, AuthToken token) implements Message {
        public Auth {
            if (!uuid.isWord()) {
                throw new IllegalArgumentException("the UUID in AUTH cannot contain whitespace");
            }
        }
    }

    /** S→C: authenticated; {@code uuid} is the server's repository. */
    record AuthSuccess(Uuid uuid) implements Message {}

    /** S→C: bad token (the server keeps waiting for another AUTH). */
    record AuthFailure() implements Message {}

    /** Both: the sender's highest version (C), or the version both will use (S). */
    record Version(ProtocolVersion version) implements Message {}

    /** C→S (v2): cluster gateways the server should not forward to. No reply. */
    record Bypass(List<Uuid> uuids) implements Message {
        public Bypass {
            uuids.forEach(Message::requireWord);
        }
    }

    record CheckPresent(Key key) implements Message {}

    record LockContent(Key key) implements Message {}

    record UnlockContent() implements Message {}

    record Remove(Key key) implements Message {}

    /** C→S (v3): remove only if the server's monotonic clock is still before {@code timestamp}. */
    record RemoveBefore(MonotonicTimestamp timestamp, Key key) implements Message {}

    record GetTimestamp() implements Message {}

    record Timestamp(MonotonicTimestamp timestamp) implements Message {}

    /** C→S: send me {@code key} from {@code offset} on. */
    record Get(Offset offset, AssociatedFile file, Key key) implements Message {}

    /** C→S: I want to store {@code key} on you. */
    record Put(AssociatedFile file, Key key) implements Message {}

    /** S→C: send me the content from {@code offset} on (the size of my partial copy). */
    record PutFrom(Offset offset) implements Message {}

    record AlreadyHave() implements Message {}

    record AlreadyHavePlus(List<Uuid> uuids) implements Message {
        public AlreadyHavePlus {
            uuids.forEach(Message::requireWord);
        }
    }

    /** Both: exactly {@code length} raw bytes follow this line, with no terminator. */
    record Data(Len length) implements Message {}

    /** C→S (v4): in place of DATA after PUT-FROM: the content got there another way. */
    record DataPresent() implements Message {}

    record Valid() implements Message {}

    record Invalid() implements Message {}

    record Success() implements Message {}

    record SuccessPlus(List<Uuid> uuids) implements Message {
        public SuccessPlus {
            uuids.forEach(Message::requireWord);
        }
    }

    record Failure() implements Message {}

    record FailurePlus(List<Uuid> uuids) implements Message {
        public FailurePlus {
            uuids.forEach(Message::requireWord);
        }
    }

    /** C→S: tunnel a git service; DATA flows both ways until CONNECTDONE. */
    record Connect(Service service) implements Message {}

    record ConnectDone(ExitCode exitCode) implements Message {}

    /** C→S: block until refs change. */
    record NotifyChange() implements Message {}

    record Changed(ChangedRefs refs) implements Message {}

    /** Both: something went wrong; {@code text} is the rest of the line, verbatim (wire text). */
    record Error(String text) implements Message {
        public Error {
            Objects.requireNonNull(text, "text");
            if (text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an ERROR text cannot contain a newline");
            }
        }
    }

    private static void requireWord(Uuid uuid) {
        if (uuid.value().isEmpty() || !uuid.isWord()) {
            throw new IllegalArgumentException("this UUID must be one non-empty word: " + uuid);
        }
    }
}
