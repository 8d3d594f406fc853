package org.annexp2p.http.server;

import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Repository;

/**
 * {@code --directory}: every git-annex repository found below the given directories, as they appear and disappear
 * while the server runs. A request for a UUID not seen yet looks again (at most once per {@link #RESCAN}, so a flood of
 * made-up UUIDs cannot make the server walk the disk without pause); a repository whose directory is gone is dropped.
 * Symbolic links are never followed and a repository's insides are never searched, so nothing outside the
 * directories is served.
 */
public final class DirectoryRepositories implements ServedRepositories {
    static final Duration RESCAN = Duration.ofSeconds(2);

    private final List<Path> directories;
    private final Clock clock;
    private Map<Uuid, AnnexRepository> found = Map.of();
    private Instant scanned = Instant.MIN;

    public DirectoryRepositories(List<Path> directories, Clock clock) {
        this.directories = directories.map(d -> d.toAbsolutePath().normalize());
        this.clock = clock;
    }

    @Override
    public synchronized Option<Repository> find(Uuid uuid) {
        AnnexRepository known = found.get(uuid);
        if (known != null && Files.isDirectory(known.top(), LinkOption.NOFOLLOW_LINKS)) {
            return Option.some(known);
        }
        Instant now = clock.instant();
        if (known != null || Duration.between(scanned, now).compareTo(RESCAN) >= 0) {
            scanned = now;
            found = scan();
        }
        return Option.of(found.get(uuid));
    }

    /** The repositories found now, by UUID. */
    public synchronized Map<Uuid, AnnexRepository> scan() {
        Map<Uuid, AnnexRepository> repositories = new HashMap<>();
        for (Path d : directories) {
            walk(d, repositories);
        }
        return Map.copyOf(repositories);
    }

    private static void walk(Path dir, Map<Uuid, AnnexRepository> into) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (isRepository(dir)) {
            try {
                AnnexRepository r = AnnexRepository.open(dir);
                into.putIfAbsent(r.uuid(), r);
            } catch (IOException notAnnex) {
                // A git repository without git-annex, or one we cannot serve: not served.
            }
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                walk(e, into);
            }
        } catch (IOException | SecurityException unreadable) {
            // As git-annex: a subdirectory that cannot be read is skipped.
        }
    }

    /** A work tree with its own .git directory, or a bare repository; a .git file may point anywhere, so it is not. */
    private static boolean isRepository(Path dir) {
        return Files.isDirectory(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(dir.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS)
                        && Files.isDirectory(dir.resolve("objects"), LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(dir.resolve("config"), LinkOption.NOFOLLOW_LINKS);
    }
}
