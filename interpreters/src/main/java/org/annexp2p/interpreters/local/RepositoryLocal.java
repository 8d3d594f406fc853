package org.annexp2p.interpreters.local;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.program.Unit;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.ContentLock;
import org.annexp2p.repository.MonotonicClock;
import org.annexp2p.repository.Repository;
import org.annexp2p.repository.Transfer;
import org.annexp2p.repository.refs.RefWatcher;

/**
 * Performs the protocol's Local instructions over a {@link Repository}, for one connection. It holds that
 * connection's state — the transfer between WriteContent and FinishContent, the content locks taken by
 * LockContent — so {@link #close()} must run when the connection ends: it releases the locks and keeps any
 * unfinished partial copy for a later resume. Not thread-safe; a connection runs one program at a time.
 */
public final class RepositoryLocal implements Local.Handler, AutoCloseable {
    private final Repository repository;
    private final MonotonicClock monotonic;
    private final Clock wallClock;
    /** A destination maps to none when its transfer could not start: its finish must fail. */
    private final Map<Destination, Option<Transfer>> transfers = new HashMap<>();
    private final Map<Key, Deque<ContentLock>> locks = new HashMap<>();
    /** NOTIFYCHANGE support, for servers that give it (not p2pstdio, as in git-annex); opened on first use. */
    private final Option<RefWatcherFactory> changeNotification;
    private final HangUpWatch hangUp;
    private RefWatcher refWatcher;

    /**
     * Tells a wait for ref changes that the peer has gone. Without it a server answering NOTIFYCHANGE for a
     * peer that then hung up would wait, thread and connection slot held, until some ref happened to change.
     */
    public interface HangUpWatch {
        HangUpWatch NONE = new HangUpWatch() {
            @Override
            public java.io.Closeable whileWaiting(Runnable cancel) {
                // Nobody to watch: the wait ends only with a change.
                return () -> { };
            }

            @Override
            public void throwIfHungUp() {
                // Never hung up.
            }
        };

        /**
         * Arranges for {@code cancel} to run (on any thread) if the peer hangs up during the wait now starting,
         * until the returned handle is closed.
         */
        java.io.Closeable whileWaiting(Runnable cancel);

        /** After a wait failed: throws the connection's own "peer closed" exception if that is why. */
        void throwIfHungUp() throws IOException;
    }

    /** Opens a ref watcher for one connection. */
    @FunctionalInterface
    public interface RefWatcherFactory {
        RefWatcher open() throws IOException;
    }

    public RepositoryLocal(Repository repository, MonotonicClock monotonic, Clock wallClock) {
        this(repository, monotonic, wallClock, Option.none());
    }

    public RepositoryLocal(Repository repository, MonotonicClock monotonic, Clock wallClock,
            Option<RefWatcherFactory> changeNotification) {
        this(repository, monotonic, wallClock, changeNotification, HangUpWatch.NONE);
    }

    private RepositoryLocal(Repository repository, MonotonicClock monotonic, Clock wallClock,
            Option<RefWatcherFactory> changeNotification, HangUpWatch hangUp) {
        this.repository = repository;
        this.monotonic = monotonic;
        this.wallClock = wallClock;
        this.changeNotification = changeNotification;
        this.hangUp = hangUp;
    }

    /** A handler that answers NOTIFYCHANGE: on disk from the repository's refs, in memory from its queue. */
    public static RepositoryLocal withChangeNotification(Repository repository) {
        return withChangeNotification(repository, HangUpWatch.NONE);
    }

    /** As {@link #withChangeNotification(Repository)}, a wait for changes ending when {@code hangUp} says the peer left. */
    public static RepositoryLocal withChangeNotification(Repository repository, HangUpWatch hangUp) {
        Option<RefWatcherFactory> watch = repository instanceof AnnexRepository a
                ? Option.some(() -> RefWatcher.open(a.gitDir())) : Option.none();
        return new RepositoryLocal(repository, MonotonicClock.SYSTEM, Clock.systemUTC(), watch, hangUp);
    }

    public RepositoryLocal(Repository repository) {
        this(repository, MonotonicClock.SYSTEM, Clock.systemUTC());
    }

    public Repository repository() {
        return repository;
    }

    /**
     * How long a PUT waits for another connection's transfer of the same key to let go. When a peer's connection
     * drops and it redials at once, the server's handler for the old connection is still writing what arrived;
     * it ends within moments, and the new PUT then resumes from everything it wrote. A transfer still running
     * after this is a live one, and the PUT is refused before any bytes are sent.
     */
    public static final Duration CLAIM_WAIT = Duration.ofSeconds(10);
    private static final long CLAIM_POLL_MILLIS = 20;
    static final String BEING_RECEIVED = "this key is being received on another connection; try again when that transfer ends";

    private Duration claimWait = CLAIM_WAIT;

    /** Sets how long {@link #claimTransfer} waits for another connection's transfer of the key; returns this. */
    public RepositoryLocal claimWait(Duration wait) {
        this.claimWait = wait;
        return this;
    }

    @Override
    public Either<String, Len> claimTransfer(Local.ClaimTransfer i) throws IOException {
        Destination d = new Destination.ObjectStore(i.key());
        Option<Transfer> held = transfers.get(d);
        if (held != null && held.isDefined()) {
            return Either.right(repository.partialSize(d));
        }
        Option<String> unstorable = repository.unstorable(i.key());
        if (unstorable.isDefined()) {
            return Either.left("cannot store this key here: " + unstorable.get());
        }
        long deadline = System.nanoTime() + claimWait.toNanos();
        while (true) {
            Option<Transfer> transfer = repository.beginTransfer(d);
            if (transfer.isDefined()) {
                transfers.put(d, transfer);
                // Read after the claim: everything the previous holder wrote is counted.
                return Either.right(repository.partialSize(d));
            }
            if (System.nanoTime() - deadline >= 0) {
                return Either.left(BEING_RECEIVED);
            }
            try {
                Thread.sleep(CLAIM_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for another transfer of the key");
            }
        }
    }

    @Override
    public Len destinationSize(Local.DestinationSize i) throws IOException {
        return repository.partialSize(i.destination());
    }

    @Override
    public Option<Len> contentSize(Local.ContentSize i) throws IOException {
        return repository.contentSize(i.key());
    }

    @Override
    public Option<Payload> readContent(Local.ReadContent i) throws IOException {
        return repository.readContent(i.key(), i.offset());
    }

    @Override
    public Validity checkUnchanged(Local.CheckUnchanged i) throws IOException {
        return repository.checkUnchanged(i.payload());
    }

    @Override
    public Len writeContent(Local.WriteContent i) throws IOException {
        Destination d = i.destination();
        Option<Transfer> transfer = transfers.get(d);
        if (transfer == null) {
            transfer = repository.beginTransfer(d);
            transfers.put(d, transfer);
        }
        if (transfer.isEmpty()) {
            // Someone else is receiving into this destination. Swallow the bytes so the connection stays in step.
            discard(i.payload().stream(), i.length().value());
            return Len.ZERO;
        }
        return transfer.get().write(i.offset(), i.length(), i.payload().stream());
    }

    private static void discard(InputStream in, long length) throws IOException {
        byte[] buf = new byte[8192];
        for (long left = length; left > 0; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    @Override
    public Boolean finishContent(Local.FinishContent i) throws IOException {
        Option<Transfer> transfer = transfers.remove(i.destination());
        if (transfer == null) {
            // Nothing was written in this connection; the copy on hand may still be complete (as after DATA 0).
            transfer = repository.beginTransfer(i.destination());
        }
        if (transfer.isEmpty()) {
            return false;
        }
        return transfer.get().finish(i.validity());
    }

    @Override
    public Unit setPresent(Local.SetPresent i) throws IOException {
        repository.recordPresence(i.key(), i.uuid(), true);
        return Unit.UNIT;
    }

    @Override
    public Boolean checkContentPresent(Local.CheckContentPresent i) throws IOException {
        return repository.hasContent(i.key());
    }

    @Override
    public Boolean removeContent(Local.RemoveContent i) throws IOException {
        return repository.removeContent(i.key(),
                () -> i.before().forAll(deadline -> monotonic.now().compareTo(deadline) < 0));
    }

    @Override
    public Boolean lockContent(Local.LockContent i) throws IOException {
        Option<ContentLock> lock = repository.lockContent(i.key());
        lock.forEach(l -> locks.computeIfAbsent(i.key(), k -> new ArrayDeque<>()).push(l));
        return lock.isDefined();
    }

    @Override
    public Unit unlockContent(Local.UnlockContent i) {
        Deque<ContentLock> held = locks.get(i.key());
        if (held != null) {
            held.pop().close();
            if (held.isEmpty()) {
                locks.remove(i.key());
            }
        }
        return Unit.UNIT;
    }

    @Override
    public ChangedRefs waitRefChange(Local.WaitRefChange i) throws IOException {
        if (changeNotification.isEmpty()) {
            return repository.waitRefChange();
        }
        if (refWatcher == null) {
            refWatcher = changeNotification.get().open();
        }
        RefWatcher watcher = refWatcher;
        // Closing the watcher is what ends a wait blocked in it; a peer gone has no use for it any more.
        try (java.io.Closeable watching = hangUp.whileWaiting(watcher::close)) {
            return watcher.next();
        } catch (IOException e) {
            hangUp.throwIfHungUp();
            throw e;
        }
    }

    @Override
    public Long localTime(Local.LocalTime i) {
        return wallClock.instant().getEpochSecond();
    }

    /** Content locks this connection holds. */
    public int heldLocks() {
        return locks.values().stream().mapToInt(Deque::size).sum();
    }

    /** Ends the connection's hold on the repository: unlocks everything and abandons unfinished transfers. */
    @Override
    public void close() {
        List<ContentLock> all = new ArrayList<>();
        locks.values().forEach(all::addAll);
        locks.clear();
        all.forEach(ContentLock::close);
        transfers.values().forEach(t -> t.forEach(Transfer::close));
        transfers.clear();
        if (refWatcher != null) {
            refWatcher.close();
        }
    }
}
