package org.annexp2p.repository;

import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.repository.objects.Verification;

/**
 * The {@link Repository} contract in memory, for simulations and model-based tests: objects, partial copies
 * (bound for the object store or for a named "file"), verified "files", a location log, locks, and a record of
 * every request
 * ({@link #events()}). Receiving uses the same rules as the on-disk repository.
 */
public final class MemoryRepository implements Repository {
    private final Uuid uuid;
    private final Map<Key, byte[]> objects = new HashMap<>();
    private final Map<Destination, byte[]> partials = new HashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<Key, Map<Uuid, Boolean>> log = new HashMap<>();
    private final Map<Key, Integer> locks = new HashMap<>();
    private final Set<Destination> receiving = new HashSet<>();
    private final Queue<ChangedRefs> refChanges = new ArrayDeque<>();
    private final List<RepositoryEvent> events = new ArrayList<>();

    public MemoryRepository(Uuid uuid) {
        this.uuid = uuid;
    }

    @Override
    public Uuid uuid() {
        return uuid;
    }

    // ---- test set-up and inspection -------------------------------------------------------------------------

    /** Puts verified content in place (not recorded as an event). Refuses bytes that are not the key's. */
    public synchronized void putContent(Key key, byte[] content) {
        if (!Verification.verify(key, content).accepted()) {
            throw new IllegalArgumentException("content does not match " + key);
        }
        objects.put(key, content.clone());
    }

    /** Plants a partial copy, right or wrong (not recorded as an event). */
    public synchronized void putPartial(Destination destination, byte[] bytes) {
        partials.put(destination, bytes.clone());
    }

    public synchronized Option<byte[]> content(Key key) {
        return Option.of(objects.get(key)).map(byte[]::clone);
    }

    public synchronized Option<byte[]> partial(Destination destination) {
        return Option.of(held(destination)).map(byte[]::clone);
    }

    /** What the "file" at {@code path} holds: verified content a {@link Destination.File} put there. */
    public synchronized Option<byte[]> file(String path) {
        return Option.of(files.get(path)).map(byte[]::clone);
    }

    public synchronized Set<Key> keys() {
        return Set.copyOf(objects.keySet());
    }

    public synchronized int lockCount(Key key) {
        return locks.getOrDefault(key, 0);
    }

    /** Makes the next {@link #waitRefChange()} return {@code refs}. */
    public synchronized void queueRefChange(ChangedRefs refs) {
        refChanges.add(refs);
    }

    public synchronized List<RepositoryEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<RepositoryEvent> mutations() {
        return events.stream().filter(RepositoryEvent::mutates).toList();
    }

    // ---- Repository -----------------------------------------------------------------------------------------

    @Override
    public synchronized Option<Len> contentSize(Key key) {
        looked("contentSize", key.toString());
        return Option.of(objects.get(key)).map(b -> Len.of(b.length));
    }

    @Override
    public synchronized Option<Payload> readContent(Key key, Offset offset) {
        looked("readContent", key.toString());
        byte[] content = objects.get(key);
        if (content == null) {
            return Option.none();
        }
        int from = (int) Math.min(content.length, offset.value());
        return Option.some(new MemoryPayload(key, content, from));
    }

    private record MemoryPayload(Key key, byte[] content, int from) implements Payload {
        @Override
        public Len length() {
            return Len.of(content.length - from);
        }

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(content, from, content.length - from);
        }
    }

    @Override
    public synchronized Validity checkUnchanged(Payload payload) {
        looked("checkUnchanged", "");
        // Content is never changed in place, only replaced or removed, so identity tells.
        return payload instanceof MemoryPayload p && objects.get(p.key()) == p.content() ? Validity.VALID
                : Validity.INVALID;
    }

    @Override
    public synchronized Len partialSize(Destination destination) {
        looked("partialSize", destination.toString());
        byte[] b = held(destination);
        return Len.of(b == null ? 0 : b.length);
    }

    private byte[] held(Destination destination) {
        return partials.get(destination);
    }

    private void hold(Destination destination, byte[] bytes) {
        partials.put(destination, bytes);
    }

    private void drop(Destination destination) {
        partials.remove(destination);
    }

    @Override
    public synchronized Option<Transfer> beginTransfer(Destination destination) {
        looked("beginTransfer", destination.toString());
        if (!receiving.add(destination)) {
            return Option.none();
        }
        return Option.some(new TransferImpl(destination.key(), new MemoryCopy(destination), () -> {
            synchronized (this) {
                receiving.remove(destination);
            }
        }));
    }

    private final class MemoryCopy implements PartialCopy {
        private final Destination destination;

        MemoryCopy(Destination destination) {
            this.destination = destination;
        }

        @Override
        public long size() {
            synchronized (MemoryRepository.this) {
                byte[] b = held(destination);
                return b == null ? 0 : b.length;
            }
        }

        @Override
        public OutputStream appendAt(long offset) {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    synchronized (MemoryRepository.this) {
                        byte[] old = held(destination);
                        byte[] head = old == null ? new byte[0] : Arrays.copyOf(old, (int) Math.min(old.length, offset));
                        byte[] tail = toByteArray();
                        byte[] next = Arrays.copyOf(head, head.length + tail.length);
                        System.arraycopy(tail, 0, next, head.length, tail.length);
                        hold(destination, next);
                        events.add(new RepositoryEvent.PartialWritten(destination, offset, tail.length));
                    }
                }
            };
        }

        @Override
        public InputStream read() {
            synchronized (MemoryRepository.this) {
                byte[] b = held(destination);
                return new ByteArrayInputStream(b == null ? new byte[0] : b);
            }
        }

        @Override
        public void discard() {
            synchronized (MemoryRepository.this) {
                drop(destination);
                events.add(new RepositoryEvent.PartialDiscarded(destination));
            }
        }

        @Override
        public void complete() {
            synchronized (MemoryRepository.this) {
                byte[] b = partials.remove(destination);
                if (destination instanceof Destination.File f) {
                    // As on disk: verified bytes replace the file whole; until then it is untouched.
                    files.put(f.path(), b == null ? new byte[0] : b);
                } else {
                    objects.putIfAbsent(destination.key(), b);
                }
                events.add(new RepositoryEvent.ContentStored(destination));
            }
        }
    }

    @Override
    public synchronized void recordPresence(Key key, Uuid who, boolean present) {
        if (who.equals(uuid) && present && !objects.containsKey(key)) {
            // As on disk: this repository is only ever logged as having content it has.
            return;
        }
        log.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(who, present);
        events.add(new RepositoryEvent.PresenceRecorded(key, who, present));
    }

    @Override
    public synchronized List<Uuid> locations(Key key) {
        looked("locations", key.toString());
        return log.getOrDefault(key, Map.of()).entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public synchronized Option<ContentLock> lockContent(Key key) {
        looked("lockContent", key.toString());
        if (!objects.containsKey(key)) {
            return Option.none();
        }
        locks.merge(key, 1, Integer::sum);
        events.add(new RepositoryEvent.ContentLocked(key));
        return Option.some(new MemoryLock(key));
    }

    private final class MemoryLock implements ContentLock {
        private final Key key;
        private boolean released;

        MemoryLock(Key key) {
            this.key = key;
        }

        @Override
        public Key key() {
            return key;
        }

        @Override
        public void close() {
            synchronized (MemoryRepository.this) {
                if (!released) {
                    released = true;
                    locks.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
                    events.add(new RepositoryEvent.ContentUnlocked(key));
                }
            }
        }
    }

    @Override
    public synchronized boolean removeContent(Key key, BooleanSupplier stillAllowed) {
        looked("removeContent", key.toString());
        if (!objects.containsKey(key)) {
            return true;
        }
        if (locks.containsKey(key) || !stillAllowed.getAsBoolean()) {
            return false;
        }
        objects.remove(key);
        events.add(new RepositoryEvent.ContentRemoved(key));
        recordPresence(key, uuid, false);
        return true;
    }

    @Override
    public synchronized ChangedRefs waitRefChange() throws IOException {
        looked("waitRefChange", "");
        ChangedRefs next = refChanges.poll();
        if (next == null) {
            throw new IOException("change notification not available");
        }
        return next;
    }

    private void looked(String operation, String subject) {
        events.add(new RepositoryEvent.Looked(operation, subject));
    }
}
