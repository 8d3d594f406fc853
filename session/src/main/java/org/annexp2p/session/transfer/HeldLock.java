package org.annexp2p.session.transfer;

import io.vavr.control.Either;
import java.io.IOException;
import java.time.Duration;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Program;

/**
 * What {@code lock} does on the peer: lock the key's content there (so the peer keeps it and will not remove it),
 * hold the lock a while, then unlock. A peer that does not have the content cannot lock it.
 */
public record HeldLock(Key key, Duration hold) {

    /**
     * The conversation: lock, then (only if the peer locked) {@code locked} is told, the lock is held for the hold
     * and released. Its value is whether the peer locked. An interrupted hold ends early and still unlocks.
     */
    public Program<Either<String, Boolean>> operation(Runnable locked) {
        return Client.lock(key).flatMap(l -> {
            if (!l.getOrElse(false)) {
                return Program.pure(l);
            }
            locked.run();
            sleep(hold);
            return Client.unlock().map(u -> l);
        });
    }

    /** After the conversation: a peer that could not lock is a failure, worded. */
    public void finished(boolean locked) throws IOException {
        if (!locked) {
            throw new IOException("the peer could not lock " + key + " (it does not have it)");
        }
    }

    private static void sleep(Duration hold) {
        try {
            Thread.sleep(hold.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
