package org.annexp2p.repository.locationlog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.objects.FileNames;
import org.annexp2p.repository.objects.HashDir;

/**
 * Changes to files of the git-annex branch, made the way git-annex makes them without touching git: the whole
 * new content of a branch file goes to {@code .git/annex/journal/<mangled name>}, written in
 * {@code .git/annex/othertmp/} (holding {@code othertmp.lck} shared, as git-annex does, so that git-annex does not
 * clean that directory away meanwhile) and renamed into place while holding {@code .git/annex/journal.lck}. git-annex
 * reads a journal file instead of the branch's copy and commits it to the branch the next time it commits, so
 * the content written must be the branch's content with the change applied.
 */
public final class BranchJournal {
    /** Reads the committed content of a file on the git-annex branch; empty if there is none. */
    @FunctionalInterface
    public interface BranchFiles {
        String read(String branchPath) throws IOException;
    }

    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    private final Path annexDir;
    private final BranchFiles branch;
    private final ReentrantLock inProcess;

    /**
     * @param inProcess shared by every BranchJournal of the same repository in this JVM: Java refuses a second
     *     file lock on the same file from one process, so threads must queue here first
     */
    public BranchJournal(Path annexDir, BranchFiles branch, ReentrantLock inProcess) {
        this.annexDir = annexDir;
        this.branch = branch;
        this.inProcess = inProcess;
    }

    /** {@code e7d/d01/<keyfile>.log}: where a key's location log lives on the git-annex branch. */
    public static String locationLogPath(Key key) {
        return HashDir.LOWER.format(key) + key.fileName() + ".log";
    }

    /** git-annex's journal naming: every {@code /} becomes {@code _}, and {@code _} itself is doubled. */
    public static String journalFileName(String branchPath) {
        StringBuilder sb = new StringBuilder(branchPath.length() + 8);
        for (int i = 0; i < branchPath.length(); i++) {
            char c = branchPath.charAt(i);
            if (c == '/') {
                sb.append('_');
            } else if (c == '_') {
                sb.append("__");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public Path journalDir() {
        return annexDir.resolve("journal");
    }

    /** The current content: the journal's copy if there is one, else the branch's. */
    public String read(String branchPath) throws IOException {
        Path journalled = journalDir().resolve(component(branchPath));
        if (Files.exists(journalled)) {
            return completeLines(new String(Files.readAllBytes(journalled), StandardCharsets.ISO_8859_1));
        }
        return branch.read(branchPath);
    }

    /** Applies {@code change} to the current content under the journal lock and journals the result. */
    public void change(String branchPath, UnaryOperator<String> change) throws IOException {
        String name = component(branchPath);
        withJournalLock(() -> {
            String next = change.apply(read(branchPath));
            // git-annex deletes othertmp/ when it is idle, but only while nobody holds othertmp.lck shared.
            try (FileChannel ch = FileChannel.open(annexDir.resolve("othertmp.lck"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock lock = lockWithin(ch, true);
                try {
                    Path tmpDir = annexDir.resolve("othertmp");
                    Files.createDirectories(tmpDir);
                    Files.createDirectories(journalDir());
                    Path tmp = tmpDir.resolve(name);
                    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(next.getBytes(StandardCharsets.ISO_8859_1));
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                    }
                    // Not synced, as git-annex syncs none of its journal writes: this is its file, written its
                    // way. Content a line here claims was made durable before the line was written.
                    Files.move(tmp, journalDir().resolve(name), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    lock.release();
                }
            }
        });
    }

    private static String component(String branchPath) throws IOException {
        String wire = journalFileName(branchPath);
        var name = FileNames.component(wire);
        if (name.isLeft()) {
            throw new IOException("cannot journal " + branchPath.length() + "-byte branch file: " + name.getLeft());
        }
        return name.get();
    }

    /** git-annex drops a trailing partial line, which an interrupted append may leave behind. */
    private static String completeLines(String s) {
        int end = s.lastIndexOf('\n');
        return s.isEmpty() || s.endsWith("\n") ? s : s.substring(0, end + 1);
    }

    private interface Locked {
        void run() throws IOException;
    }

    private void withJournalLock(Locked action) throws IOException {
        try {
            if (!inProcess.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("timed out waiting for the journal lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the journal lock", e);
        }
        try {
            Files.createDirectories(annexDir);
            try (FileChannel ch = FileChannel.open(annexDir.resolve("journal.lck"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = lockWithin(ch, false);
                try {
                    action.run();
                } finally {
                    lock.release();
                }
            }
        } finally {
            inProcess.unlock();
        }
    }

    /** A blocking lock like git-annex's, but bounded: another process holding it for 30 s is an error. */
    private static FileLock lockWithin(FileChannel ch, boolean shared) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            FileLock lock = ch.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("another process has held a git-annex journal lock for over "
                        + LOCK_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for a journal lock", e);
            }
        }
    }
}
