package org.annexp2p.repository;

import io.vavr.Lazy;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

/**
 * Plain files standing in for a repository, for client commands run outside one ({@code annex-p2p get KEY
 * OUTFILE}, {@code put KEY INFILE}): content of a key is read from the file named for it, and received content
 * goes into the file a {@link Destination.File} names — kept under a partial name until verified exactly as a
 * repository verifies, and resumed from there ({@link OutputFileCopy}). There is no object store, location log or locking here.
 */
public final class LooseFiles implements Repository {
    private final Lazy<Uuid> uuid;
    private final Map<Key, Path> sources = new HashMap<>();
    private final Set<Path> receiving = new HashSet<>();

    public LooseFiles(Uuid uuid) {
        this.uuid = Lazy.of(() -> uuid);
    }

    private LooseFiles(Lazy<Uuid> uuid) {
        this.uuid = uuid;
    }

    /**
     * Loose files under a random identity, drawn when first asked for: a p2pstdio client never sends it, and the
     * secure random generator behind it costs a fresh JVM tens of milliseconds to set up.
     */
    public static LooseFiles underFreshIdentity() {
        return new LooseFiles(Lazy.of(Uuid::random));
    }

    /** Content of {@code key} is the file {@code file}. */
    public LooseFiles withSource(Key key, Path file) {
        sources.put(key, file);
        return this;
    }

    @Override
    public Uuid uuid() {
        return uuid.get();
    }

    @Override
    public Option<Len> contentSize(Key key) throws IOException {
        Path p = sources.get(key);
        return p != null && Files.isRegularFile(p) ? Option.some(Len.of(Files.size(p))) : Option.none();
    }

    @Override
    public Option<Payload> readContent(Key key, Offset offset) throws IOException {
        Path p = sources.get(key);
        return p != null && Files.isRegularFile(p) ? Option.some(FilePayload.open(p, offset.value())) : Option.none();
    }

    @Override
    public Validity checkUnchanged(Payload payload) throws IOException {
        return payload instanceof FilePayload p && p.unchanged() ? Validity.VALID : Validity.INVALID;
    }

    @Override
    public Len partialSize(Destination destination) throws IOException {
        return Len.of(OutputFileCopy.of(destination.key(), file(destination)).size());
    }

    @Override
    public synchronized Option<Transfer> beginTransfer(Destination destination) throws IOException {
        Path p = file(destination);
        if (!receiving.add(p)) {
            return Option.none();
        }
        return Option.some(new TransferImpl(destination.key(), OutputFileCopy.of(destination.key(), p), () -> {
            synchronized (this) {
                receiving.remove(p);
            }
        }));
    }

    private static Path file(Destination destination) throws IOException {
        if (destination instanceof Destination.File f) {
            return Path.of(f.path());
        }
        throw new IOException("no repository here to store " + destination.key() + " in; name an output file");
    }

    @Override
    public void recordPresence(Key key, Uuid who, boolean present) {
        // Loose files keep no location log.
    }

    @Override
    public List<Uuid> locations(Key key) {
        return List.of();
    }

    @Override
    public Option<ContentLock> lockContent(Key key) {
        return Option.none();
    }

    @Override
    public boolean removeContent(Key key, BooleanSupplier stillAllowed) throws IOException {
        throw new IOException("no repository here to remove " + key + " from");
    }

    @Override
    public ChangedRefs waitRefChange() throws IOException {
        throw new IOException("change notification not available");
    }
}
