package org.annexp2p.repository;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * git config's answer to one query for one repository, saved in the repository together with a fingerprint of
 * every file git could have read it from. Spawning git from a JVM that has just started costs more than git's own
 * run (the JVM's process machinery), and p2pstdio asks on every ssh connection git-annex makes (docs/performance.md
 * has the start-up figures).
 *
 * <p>An answer is saved only when those files are all that can decide it: not when a {@code GIT_CONFIG*}
 * variable is set or {@code HOME} is not, not in a linked worktree, and not when any of the files has an include
 * directive (the included file could change without them). The files are the system one ({@code /etc/gitconfig},
 * where Debian's git has it), both global ones, the repository's and its worktree's. A fingerprint holds each
 * file's size, modification time and CRC-32C, plus the repository's owner and our user (git refuses repositories
 * other users own), never the files' contents: a global git config may hold credentials.
 */
final class SavedConfig {
    private static final String FORMAT = "annex-p2p saved git config 1";

    private final Path file;
    private final List<Path> sources;
    private final String owners;

    private SavedConfig(Path file, List<Path> sources, String owners) {
        this.file = file;
        this.sources = sources;
        this.owners = owners;
    }

    /**
     * Where answers for {@code gitDir} are saved, or nothing when they cannot be: not a git-annex repository yet,
     * or an environment in which files other than the usual ones may decide git's answer.
     */
    static Optional<SavedConfig> of(Path top, Path gitDir, Map<String, String> env) {
        Path annexDir = gitDir.resolve("annex");
        String home = env.get("HOME");
        // A linked worktree's git directory names another whose config git reads instead ("commondir").
        if (home == null || home.isEmpty() || !Files.isDirectory(annexDir) || Files.exists(gitDir.resolve("commondir"))
                || env.keySet().stream().anyMatch(k -> k.startsWith("GIT_CONFIG"))) {
            return Optional.empty();
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path globalXdg = xdg == null || xdg.isEmpty() ? Path.of(home, ".config", "git", "config")
                : Path.of(xdg, "git", "config");
        // The order git reads them in: system, global, local, worktree.
        List<Path> sources = List.of(Path.of("/etc/gitconfig"), globalXdg, Path.of(home, ".gitconfig"),
                gitDir.resolve("config"), gitDir.resolve("config.worktree"));
        try {
            // Not '+': at start-up, the method handles of a string concatenation cost more than the git spawn saved.
            String owners = String.join(" ", owner(top), owner(gitDir), System.getProperty("user.name"));
            return Optional.of(new SavedConfig(annexDir.resolve("annex-p2p-config"), sources, owners));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** How git is asked when no saved answer fits. */
    interface Ask {
        Map<String, String> answer() throws IOException;
    }

    /**
     * The saved answer to {@code query} if every source is as it was when it was saved; otherwise git's, which is
     * then saved, provided no source changed while git was reading them (its answer might predate the change).
     */
    Map<String, String> answer(String query, Ask git) throws IOException {
        Optional<String> before = fingerprintOrNone(query);
        if (before.isEmpty()) {
            return git.answer();
        }
        Optional<Map<String, String>> saved = read(before.get());
        if (saved.isPresent()) {
            return saved.get();
        }
        Map<String, String> answer = git.answer();
        if (before.equals(fingerprintOrNone(query))) {
            write(before.get(), answer);
        }
        return answer;
    }

    /** Whether answers can be saved now: every source is readable and none has an include directive. */
    boolean canSave() {
        return fingerprintOrNone("").isPresent();
    }

    private Optional<Map<String, String>> read(String fingerprint) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)));
            if (!in.readUTF().equals(FORMAT) || !in.readUTF().equals(fingerprint)) {
                return Optional.empty();
            }
            Map<String, String> answer = new LinkedHashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                answer.put(in.readUTF(), in.readUTF());
            }
            return Optional.of(answer);
        } catch (IOException | RuntimeException e) {
            // Missing, damaged or from another version: git is asked, and its answer replaces this one.
            return Optional.empty();
        }
    }

    private void write(String fingerprint, Map<String, String> answer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeUTF(FORMAT);
            out.writeUTF(fingerprint);
            out.writeInt(answer.size());
            for (Map.Entry<String, String> e : answer.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            Path tmp = Files.createTempFile(file.getParent(), "annex-p2p-config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, bytes.toByteArray());
                // Atomic: p2pstdio servers that start at once may all save; readers see one whole answer.
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort (a read-only repository, a full disk): the next start asks git again.
        }
    }

    private Optional<String> fingerprintOrNone(String query) {
        try {
            return fingerprint(query);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The query, owners and each source's fingerprint; nothing when a source has an include directive. */
    private Optional<String> fingerprint(String query) throws IOException {
        StringBuilder print = new StringBuilder(query).append('\n').append(owners);
        for (Path source : sources) {
            print.append('\n').append(source).append(' ');
            byte[] content;
            long modified;
            try {
                modified = Files.getLastModifiedTime(source).to(java.util.concurrent.TimeUnit.NANOSECONDS);
                content = Files.readAllBytes(source);
            } catch (NoSuchFileException e) {
                print.append("missing");
                continue;
            }
            if (new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                    .contains("include")) {
                return Optional.empty();
            }
            CRC32C crc = new CRC32C();
            crc.update(content);
            print.append(content.length).append(' ').append(modified).append(' ').append(crc.getValue());
        }
        return Optional.of(print.toString());
    }

    private static String owner(Path path) throws IOException {
        return String.valueOf(Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }
}
