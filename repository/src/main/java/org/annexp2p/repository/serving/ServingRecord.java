package org.annexp2p.repository.serving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.annexp2p.repository.creds.PrivateFile;

/**
 * What the repository's running servers serve, kept in {@code .git/annex/p2p-serving}: one private file per server
 * ({@code PID.N}, N the first number free when the server records its first way), written whole by the server as
 * each way starts and removed when it stops. A server that died without removing its file is recognised by its pid being gone, or
 * taken by a process that started at another time; readers skip such files and remove them. Reading is bounded:
 * files that are too large, links, files others may write, foreign names and malformed lines are skipped. Nothing secret is kept there.
 */
public final class ServingRecord {
    /** The directory's name in {@code .git/annex}. */
    public static final String DIRECTORY = "p2p-serving";
    static final int MAX_BYTES = 16 * 1024;
    static final int MAX_FILES = 256;
    private static final Pattern NAME = Pattern.compile("([1-9][0-9]{0,9})\\.([0-9]{1,6})");
    private static final java.util.Set<PosixFilePermission> OWNER = java.util.EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path dir;

    private ServingRecord(Path dir) {
        this.dir = dir;
    }

    /** The record of the repository whose annex directory ({@code .git/annex}) is {@code annexDir}. */
    public static ServingRecord of(Path annexDir) {
        return new ServingRecord(annexDir.resolve(DIRECTORY));
    }

    /** Where the files are. */
    public Path directory() {
        return dir;
    }

    /** A new server of this process; nothing is written until it records its first way. */
    public Entry begin() {
        ProcessHandle self = ProcessHandle.current();
        return new Entry(dir, self.pid(), self.info().startInstant().orElse(Instant.EPOCH));
    }

    /** The servers running now, by pid; files of servers that are gone are removed on the way. */
    public List<ServingProcess> running() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<ServingProcess> running = new ArrayList<>();
        int seen = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (++seen > MAX_FILES) {
                    break;
                }
                if (name.matches()) {
                    look(file, Long.parseLong(name.group(1))).ifPresent(running::add);
                }
            }
        }
        running.sort(Comparator.comparingLong(ServingProcess::pid));
        return running;
    }

    private static Optional<ServingProcess> look(Path file, long pid) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!attributes.isRegularFile() || !attributes.permissions().stream().allMatch(OWNER::contains)) {
            // Ours are 0600: one that others could have written is not taken as a server's word.
            return Optional.empty();
        }
        Optional<ServingProcess> read = attributes.size() > MAX_BYTES ? Optional.empty()
                : ServingProcess.parse(bounded(file)).filter(p -> p.pid() == pid);
        Optional<Instant> alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().orElse(Instant.EPOCH));
        if (alive.isEmpty() || read.isPresent() && !read.get().started().equals(alive.get())) {
            // Its server is gone (or its pid is another program's now): nobody will remove it but us.
            Files.deleteIfExists(file);
            return Optional.empty();
        }
        return read;
    }

    private static String bounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** One server's file: each way it starts is added, and {@link #close} removes the file. */
    public static final class Entry implements AutoCloseable {
        private final Path dir;
        private final long pid;
        private final Instant started;
        private final List<ServedWay> ways = new ArrayList<>();
        /** Claimed with the first way: the servers of one process share no counter, the directory tells what is free. */
        private PrivateFile file;
        private boolean closed;

        private Entry(Path dir, long pid, Instant started) {
            this.dir = dir;
            this.pid = pid;
            this.started = started;
        }

        /** Records that {@code address} is served as {@code kind} from now on. */
        public synchronized void add(String kind, String address) throws IOException {
            if (closed || ways.size() >= ServingProcess.MAX_WAYS) {
                return;
            }
            ways.add(new ServedWay(kind, address, Instant.now()));
            String text = new ServingProcess(pid, started, ways).text();
            if (file != null) {
                file.writeText(text);
                return;
            }
            for (int n = 1; n <= MAX_FILES; n++) {
                PrivateFile free = PrivateFile.in(dir, pid + "." + n);
                if (free.createText(text)) {
                    file = free;
                    return;
                }
            }
            throw new IOException("cannot record this server: " + MAX_FILES + " files of this process are in " + dir);
        }

        /** Where this server's file is, once it has recorded a way. */
        public Optional<Path> path() {
            return Optional.ofNullable(file).map(PrivateFile::path);
        }

        @Override
        public synchronized void close() {
            closed = true;
            try {
                if (file != null) {
                    file.delete();
                }
            } catch (IOException e) {
                // A file left behind is recognised as stale once this process is gone.
            }
        }
    }
}
