package org.annexp2p.repository;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Payload;
import org.annexp2p.protocol.wire.ChangedRefs;
import org.annexp2p.protocol.wire.Len;
import org.annexp2p.protocol.wire.Offset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.protocol.wire.Validity;
import org.annexp2p.protocol.wire.WireText;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.repository.locationlog.BranchJournal;
import org.annexp2p.repository.locationlog.LogStatus;
import org.annexp2p.repository.locationlog.PresenceLog;
import org.annexp2p.repository.locationlog.VectorClock;
import org.annexp2p.repository.objects.FileNames;
import org.annexp2p.repository.objects.HashDir;
import org.annexp2p.repository.objects.KeyFile;

/**
 * An existing git-annex repository on disk (a work tree with {@code .git}, or bare), laid out exactly as
 * git-annex lays it out: objects under {@code annex/objects/<hashdir>/<keyfile>/<keyfile>} (hashdirmixed in a
 * work tree, hashdirlower in a bare repository, both looked up), partial transfers in
 * {@code annex/tmp/<keyfile>}, presence in the git-annex branch's location logs via the journal, content locks
 * on {@code <object>.lck}. Every path comes from the escaped key, checked to stay inside the annex directory.
 */
public final class AnnexRepository implements Repository {

    /** Locks and claims shared by every instance for the same repository in this JVM. */
    private static final class Shared {
        final ReentrantLock journal = new ReentrantLock();
        /** Started on the first read of the git-annex branch, stopped after a while without one. */
        final GitCatFile branchFiles;
        final ContentLockFiles contentLocks = new ContentLockFiles();
        final Set<Path> receiving = ConcurrentHashMap.newKeySet();
        final DirectorySyncs directorySyncs;
        /** Storing, removing and logging one key are serialized in this JVM (git-annex's lock files do it across). */
        private final ReentrantLock[] keyLocks = new ReentrantLock[64];

        /** Sessions' readers by environment, the least recently used closed past {@link #SESSION_READERS}. */
        private final Map<GitEnvironment.Given, GitCatFile> sessionReaders = new LinkedHashMap<>(16, 0.75f, true);
        private final Path gitDir;

        Shared(Path gitDir, DirectorySyncs directorySyncs) {
            this.gitDir = gitDir;
            branchFiles = new GitCatFile(new GitProcess(gitDir), BRANCH_READER_IDLE);
            this.directorySyncs = directorySyncs;
            for (int i = 0; i < keyLocks.length; i++) {
                keyLocks[i] = new ReentrantLock();
            }
        }

        GitCatFile sessionReader(GitEnvironment.Given environment) {
            GitCatFile evicted = null;
            GitCatFile reader;
            synchronized (sessionReaders) {
                reader = sessionReaders.computeIfAbsent(environment,
                        e -> new GitCatFile(new GitProcess(gitDir, e), BRANCH_READER_IDLE));
                if (sessionReaders.size() > SESSION_READERS) {
                    Iterator<GitCatFile> eldest = sessionReaders.values().iterator();
                    evicted = eldest.next();
                    eldest.remove();
                }
            }
            if (evicted != null) {
                // A session still holding it starts a new git on its next read (GitCatFile restarts a stopped one).
                evicted.close();
            }
            return reader;
        }

        ReentrantLock keyLock(Key key) {
            return keyLocks[Math.floorMod(key.serialize().hashCode(), keyLocks.length)];
        }
    }

    private static final Map<Path, Shared> SHARED = new ConcurrentHashMap<>();
    /** Distinct sessions' environments whose readers are kept per repository: sessions seldom differ in more. */
    private static final int SESSION_READERS = 8;
    private static final Duration BRANCH_READER_IDLE = Duration.ofSeconds(10);
    /** git-annex's limit for recognising a pointer file. */
    private static final long POINTER_MAX = 32 * 1024;
    private final Path top;
    private final Path gitDir;
    private final Path annexDir;
    private final boolean bare;
    private final Uuid uuid;
    private final Clock clock;
    private final BranchJournal journal;
    private final Shared shared;
    private final Caller caller;
    /** The git-annex branch reader for this opening's environment ({@link #branchFiles(GitEnvironment)}). */
    private final GitCatFile branchFiles;
    /**
     * The names and paths of the key asked about last. A PUT asks for them about a dozen times (checks, the partial
     * copy, the object, the log), each time from an MD5 of the key and a re-encoding of its names; keys come one
     * after another, so the last one is enough. Immutable, so any thread may read it.
     */
    private volatile KeyPlaces lastPlaces;

    private AnnexRepository(GitLocation location, Clock clock, Supplier<DirectorySyncs> syncs, Caller caller)
            throws IOException {
        this.caller = caller;
        this.top = location.top();
        this.gitDir = location.gitDir();
        this.annexDir = gitDir.resolve("annex");
        this.bare = location.bare();
        this.uuid = location.uuid();
        this.clock = clock;
        this.shared = SHARED.computeIfAbsent(gitDir.toRealPath(), dir -> new Shared(dir, syncs.get()));
        this.branchFiles = branchFiles(caller.environment());
        this.journal = new BranchJournal(annexDir, new GitAnnexBranch(branchFiles), shared.journal);
    }

    /**
     * The git-annex branch's reader: the one shared by every opening in this process's environment, or, for a
     * session's environment, the one shared by the sessions whose environments differ only in what tells one ssh
     * connection from another ({@link GitEnvironment.Given#shareable}), which git never reads: its git runs in
     * exactly what git could see of each of them, and a resident server's sessions do not each start one. All stop
     * when idle.
     */
    private GitCatFile branchFiles(GitEnvironment environment) {
        return environment instanceof GitEnvironment.Given given ? shared.sessionReader(given.shareable()) : shared.branchFiles;
    }

    /** Opens the git-annex repository at {@code dir} (its top, or a bare repository's directory). */
    public static AnnexRepository open(Path dir) throws IOException {
        return open(dir, Clock.systemUTC());
    }

    /**
     * Makes {@code dir} a new git-annex repository with a fresh UUID and opens it; needs git, not git-annex.
     * Refuses a directory that is already a git repository.
     */
    public static AnnexRepository create(Path dir) throws IOException {
        AnnexInit.at(dir);
        return open(dir);
    }

    /** As {@link #open(Path)}, with the clock that timestamps location log lines. */
    public static AnnexRepository open(Path dir, Clock clock) throws IOException {
        return open(dir, clock, DirectorySyncs::new);
    }

    /**
     * As {@link #open(Path)}, for {@code caller}: git runs in its environment (and its config is read there), and the
     * warnings its requests cause go to it.
     */
    public static AnnexRepository open(Path dir, Caller caller) throws IOException {
        return open(dir, Clock.systemUTC(), DirectorySyncs::new, caller);
    }

    /** As {@link #open(Path, Clock)}; the repository's first opening in this JVM makes its sync threads with {@code syncs}. */
    static AnnexRepository open(Path dir, Clock clock, Supplier<DirectorySyncs> syncs) throws IOException {
        return open(dir, clock, syncs, Caller.THIS_PROCESS);
    }

    static AnnexRepository open(Path dir, Clock clock, Supplier<DirectorySyncs> syncs, Caller caller) throws IOException {
        return new AnnexRepository(GitLocation.find(dir, caller.environment()), clock, syncs, caller);
    }

    // ---- layout ---------------------------------------------------------------------------------------------

    public Path top() {
        return top;
    }

    public Path gitDir() {
        return gitDir;
    }

    public Path annexDir() {
        return annexDir;
    }

    public boolean isBare() {
        return bare;
    }

    /** This repository's creds directory, {@code annex/creds}. */
    public CredsDir creds() {
        return new CredsDir(annexDir.resolve("creds"));
    }

    @Override
    public Uuid uuid() {
        return uuid;
    }

    /**
     * This repository's description as {@code git annex describe} (or init) set it: the newest of our UUID's lines
     * in the git-annex branch's {@code uuid.log}, uncommitted journal entries included; empty if there is none.
     */
    public java.util.Optional<String> description() throws IOException {
        return UuidLog.description(journal.read("uuid.log"), uuid);
    }

    /** This repository's git remotes. */
    public GitRemotes remotes() {
        return new GitRemotes(new GitProcess(gitDir, caller.environment()));
    }

    /** Where the object of {@code key} goes when this repository stores it. */
    public Path objectPath(Key key) throws IOException {
        return objectPaths(key).get(0);
    }

    /** Every place git-annex looks for the object, in its order (own layout first). */
    public List<Path> objectPaths(Key key) throws IOException {
        return places(key).objectPaths();
    }

    /** A key's paths here, or why it has none: then asking for a path fails with that reason. */
    private sealed interface KeyPlaces {
        Key key();

        /** Every place git-annex looks for the object, in its order, and the partial copy's place. */
        record Storable(Key key, List<Path> objects, Path tmp) implements KeyPlaces {}

        record Unstorable(Key key, String reason) implements KeyPlaces {}

        default List<Path> objectPaths() throws IOException {
            if (this instanceof Storable s) {
                return s.objects();
            }
            throw new IOException("key cannot be stored: " + ((Unstorable) this).reason());
        }

        default Path tmpPath() throws IOException {
            if (this instanceof Storable s) {
                return s.tmp();
            }
            throw new IOException("key cannot be stored: " + ((Unstorable) this).reason());
        }

        default Option<String> unstorable() {
            return this instanceof Unstorable u ? Option.some(u.reason()) : Option.none();
        }
    }

    private KeyPlaces places(Key key) throws IOException {
        KeyPlaces last = lastPlaces;
        if (last != null && (last.key() == key || last.key().equals(key))) {
            return last;
        }
        KeyPlaces made = placesOf(key);
        lastPlaces = made;
        return made;
    }

    /** Apart from {@link #places}, which runs a dozen times a key: the JIT then compiles that without this. */
    private KeyPlaces placesOf(Key key) throws IOException {
        Option<String> reason = unstorableReason(key);
        if (reason.isDefined()) {
            return new KeyPlaces.Unstorable(key, reason.get());
        }
        String name = FileNames.component(key.fileName()).get();
        List<Path> paths = new ArrayList<>(2);
        for (HashDir h : HashDir.lookupOrder(bare)) {
            List<String> dirs = h.components(key);
            paths.add(inside(annexDir.resolve("objects").resolve(dirs.get(0)).resolve(dirs.get(1)).resolve(name)
                    .resolve(name)));
        }
        return new KeyPlaces.Storable(key, List.copyOf(paths), inside(annexDir.resolve("tmp").resolve(name)));
    }

    /** The object file if the content is here. */
    public Option<Path> locate(Key key) throws IOException {
        if (refused(key)) {
            return Option.none();
        }
        for (Path p : objectPaths(key)) {
            if (Files.isRegularFile(p)) {
                return Option.some(p);
            }
        }
        return Option.none();
    }

    /** {@code annex/tmp/<keyfile>}: the partial copy a transfer into the object store resumes. */
    public Path tmpPath(Key key) throws IOException {
        return places(key).tmpPath();
    }

    /**
     * Why a key cannot live in this repository, if it cannot: its escaped name, its lock file's name or its
     * journal file's name is not a file name here (too long, NUL, bytes the file-name charset cannot carry).
     * Such a key is treated as absent and every transfer of it fails; nothing is written for it.
     */
    public static Option<String> unstorableReason(Key key) {
        for (String name : List.of(key.fileName(), key.fileName() + ".lck",
                BranchJournal.journalFileName(BranchJournal.locationLogPath(key)))) {
            Either<String, String> c = FileNames.component(name);
            if (c.isLeft()) {
                return Option.some(c.getLeft());
            }
        }
        return Option.none();
    }

    @Override
    public Option<String> unstorable(Key key) {
        try {
            return places(key).unstorable();
        } catch (IOException outside) {
            return unstorableReason(key);
        }
    }

    private boolean refused(Key key) {
        Option<String> reason = unstorable(key);
        reason.forEach(r -> caller.warnings().accept("refusing key " + FileNames.shown(key.toString()) + ": " + r));
        return reason.isDefined();
    }

    /** Every path we touch must be inside the annex directory, whatever a key says. */
    private Path inside(Path p) throws IOException {
        Path n = p.normalize();
        if (!n.startsWith(annexDir) || n.equals(annexDir)) {
            throw new IOException("refusing a path outside " + annexDir + ": " + n);
        }
        return n;
    }

    private Path destinationPath(Destination d) throws IOException {
        if (d instanceof Destination.File f) {
            return Path.of(f.path()).toAbsolutePath().normalize();
        }
        return tmpPath(d.key());
    }

    // ---- content --------------------------------------------------------------------------------------------

    @Override
    public Option<Len> contentSize(Key key) throws IOException {
        Option<Path> p = locate(key);
        try {
            return p.isEmpty() ? Option.none() : Option.some(Len.of(Files.size(p.get())));
        } catch (NoSuchFileException e) {
            return Option.none(); // removed since located
        }
    }

    @Override
    public Option<Payload> readContent(Key key, Offset offset) throws IOException {
        Option<Path> p = locate(key);
        try {
            return p.isEmpty() ? Option.none() : Option.some(FilePayload.open(p.get(), offset.value()));
        } catch (NoSuchFileException e) {
            return Option.none(); // removed since located
        }
    }

    @Override
    public Validity checkUnchanged(Payload payload) throws IOException {
        return payload instanceof FilePayload p && p.unchanged() ? Validity.VALID : Validity.INVALID;
    }

    @Override
    public Len partialSize(Destination destination) throws IOException {
        if (destination instanceof Destination.ObjectStore && refused(destination.key())) {
            return Len.ZERO;
        }
        if (destination instanceof Destination.File) {
            return Len.of(OutputFileCopy.of(destination.key(), destinationPath(destination)).size());
        }
        Path p = destinationPath(destination);
        return Len.of(Files.isRegularFile(p) ? Files.size(p) : 0);
    }

    @Override
    public Option<Transfer> beginTransfer(Destination destination) throws IOException {
        if (destination instanceof Destination.ObjectStore && refused(destination.key())) {
            return Option.none();
        }
        Path file = destinationPath(destination);
        if (!shared.receiving.add(file)) {
            return Option.none();
        }
        // A named file is renamed over when verified; an object-store copy moves into objects/.
        PartialCopy copy = destination instanceof Destination.File ? OutputFileCopy.of(destination.key(), file)
                : FileCopy.durable(file, () -> moveIntoPlace(destination.key(), file));
        return Option.some(new TransferImpl(destination.key(), copy, () -> shared.receiving.remove(file)));
    }

    /**
     * Verified bytes become the object: one rename, then frozen like git-annex freezes content. Returns only when a
     * power cut would keep the object: its bytes are synced before the rename (so its name never stands on partial
     * content), its key directory after it, and the parent of every directory made for it (else the path to it could
     * be lost). The parents are synced on another thread while the bytes are, so both wait for one journal commit.
     */
    private void moveIntoPlace(Key key, Path tmp) throws IOException {
        if (locate(key).isDefined()) {
            Files.deleteIfExists(tmp);
            return;
        }
        Path object = objectPath(key);
        Path keyDir = object.getParent();
        BesideSync parents = shared.directorySyncs.start(parentsOf(makeKeyDirectory(keyDir)));
        Fsync.file(tmp);
        ReentrantLock keyLock = shared.keyLock(key);
        keyLock.lock();
        try {
            if (locate(key).isDefined()) {
                Files.deleteIfExists(tmp);
                return;
            }
            // This key's removal, done meanwhile, may have pruned the directories: made again, synced here.
            for (Path dir : parentsOf(makeKeyDirectory(keyDir))) {
                Fsync.directory(dir);
            }
            // Frozen before the rename, so no kill can leave a writable object in the store.
            Freezing.freeze(tmp);
            shared.contentLocks.inContentDirectories(() -> Freezing.inThawed(keyDir, () -> {
                Files.move(tmp, object, StandardCopyOption.ATOMIC_MOVE);
                return null;
            }));
            // Durable before anything logs the object as present (the log is written after this returns).
            Fsync.directory(keyDir);
        } finally {
            keyLock.unlock();
        }
        awaitBeside(parents, key, object);
    }

    /**
     * Waits for the directories synced beside the object's own fsync. A removal of this key may have pruned one of them
     * meanwhile, failing its sync: then, if the object is still there (stored again since), the whole path to it is
     * synced here, under the key's lock, where nothing prunes it; if it is not, there is nothing left to make durable.
     */
    private void awaitBeside(BesideSync parents, Key key, Path object) throws IOException {
        try {
            parents.await();
        } catch (NoSuchFileException pruned) {
            ReentrantLock keyLock = shared.keyLock(key);
            keyLock.lock();
            try {
                Path objects = annexDir.resolve("objects");
                if (Files.isRegularFile(object)) {
                    for (Path dir = object.getParent().getParent(); dir.startsWith(objects); dir = dir.getParent()) {
                        Fsync.directory(dir);
                    }
                }
            } finally {
                keyLock.unlock();
            }
        }
    }

    /**
     * Makes the key directory and its missing hash directories, under the directories' lock so that no pruning in
     * this JVM removes one between two mkdirs; returns those made, deepest first.
     */
    private List<Path> makeKeyDirectory(Path keyDir) throws IOException {
        return shared.contentLocks.inContentDirectories(() -> createMissing(keyDir));
    }

    private static List<Path> parentsOf(List<Path> dirs) {
        return dirs.stream().map(Path::getParent).toList();
    }

    /** Creates {@code dir} and its missing ancestors; returns those it created, deepest first. */
    private static List<Path> createMissing(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.add(d);
        }
        List<Path> created = new ArrayList<>();
        for (int i = missing.size() - 1; i >= 0; i--) {
            try {
                Files.createDirectory(missing.get(i));
                created.add(0, missing.get(i));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                if (!Files.isDirectory(missing.get(i))) {
                    throw raced;
                }
            }
        }
        return created;
    }

    // ---- location log ---------------------------------------------------------------------------------------

    @Override
    public void recordPresence(Key key, Uuid who, boolean present) throws IOException {
        if (who.equals(uuid) && present) {
            // Checked and logged under the key's lock: a removal cannot slip between, leaving a log that lies.
            ReentrantLock keyLock = shared.keyLock(key);
            keyLock.lock();
            try {
                if (locate(key).isDefined()) {
                    log(key, who, LogStatus.PRESENT);
                }
            } finally {
                keyLock.unlock();
            }
        } else {
            log(key, who, present ? LogStatus.PRESENT : LogStatus.MISSING);
        }
    }

    private void log(Key key, Uuid who, LogStatus status) throws IOException {
        VectorClock now = VectorClock.of(clock.instant());
        journal.change(BranchJournal.locationLogPath(key), old -> PresenceLog.add(old, status, who.value(), now));
    }

    @Override
    public List<Uuid> locations(Key key) throws IOException {
        if (refused(key)) {
            return List.of();
        }
        return PresenceLog.present(journal.read(BranchJournal.locationLogPath(key))).stream().map(Uuid::new).toList();
    }

    // ---- locking and removal --------------------------------------------------------------------------------

    @Override
    public Option<ContentLock> lockContent(Key key) throws IOException {
        Option<Path> object = locate(key);
        if (object.isEmpty()) {
            return Option.none();
        }
        return shared.contentLocks.lockShared(object.get())
                .map(lck -> new FileContentLock(key, lck, shared.contentLocks));
    }

    @Override
    public boolean removeContent(Key key, BooleanSupplier stillAllowed) throws IOException {
        ReentrantLock keyLock = shared.keyLock(key);
        keyLock.lock();
        try {
            Option<Path> found = locate(key);
            if (found.isEmpty()) {
                return true;
            }
            Path object = found.get();
            boolean removed = shared.contentLocks.removeUnlocked(object, stillAllowed,
                    () -> Freezing.inThawed(object.getParent(), () -> Files.deleteIfExists(object)));
            if (!removed) {
                return false;
            }
            shared.contentLocks.inContentDirectories(() -> {
                pruneEmptyDirs(object.getParent());
                return null;
            });
            log(key, uuid, LogStatus.MISSING);
            return true;
        } finally {
            keyLock.unlock();
        }
    }

    /** Removes the key's directory and then its hash directories, as long as they are empty. */
    private void pruneEmptyDirs(Path keyDir) throws IOException {
        Path objects = annexDir.resolve("objects");
        Path dir = keyDir;
        while (dir != null && dir.startsWith(objects) && !dir.equals(objects)) {
            // Another remover may have pruned it already.
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        return;
                    }
                }
                Freezing.thaw(dir);
                Files.deleteIfExists(dir);
            }
            dir = dir.getParent();
        }
    }

    @Override
    public ChangedRefs waitRefChange() throws IOException {
        throw new IOException("change notification not available");
    }

    @Override
    public String toString() {
        return "AnnexRepository(" + top + ", " + uuid + (bare ? ", bare)" : ")");
    }

    /**
     * The key an annexed work-tree file points to: a symlink into {@code .git/annex/objects} (a locked file) or
     * a pointer file holding {@code /annex/objects/<keyfile>} (an unlocked one). None for any other file.
     */
    public Option<Key> keyOf(Path file) throws IOException {
        String target;
        if (Files.isSymbolicLink(file)) {
            target = Files.readSymbolicLink(file).toString();
            if (!target.contains("annex/objects/")) {
                return Option.none();
            }
        } else if (Files.isRegularFile(file) && Files.size(file) < POINTER_MAX) {
            target = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            if (!target.startsWith("/annex/objects/") || target.contains("\n")) {
                return Option.none();
            }
        } else {
            return Option.none();
        }
        int slash = target.lastIndexOf('/');
        return KeyFile.parse(WireText.ofUnicode(target.substring(slash + 1)));
    }

    /** The whole content of an object, for callers outside the protocol (CLI, tests). */
    public Option<InputStream> openContent(Key key) throws IOException {
        Option<Path> p = locate(key);
        return p.isEmpty() ? Option.none() : Option.some(Files.newInputStream(p.get()));
    }
}
