package org.annexp2p.wormhole;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an offered file would land, decided before anything is received: the path the receiver chose, else the
 * sender's name reduced to one file in the current directory; never over something that exists.
 */
public sealed interface Landing {

    /** The file may be written to {@code path}, which does not exist yet. */
    record At(Path path) implements Landing {
    }

    /** The sender's name cannot be a file here (empty, {@code .}, {@code ..}, a NUL). */
    record UnusableName() implements Landing {
    }

    /** Something is already at {@code path} (a link too, dangling or not). */
    record Exists(Path path) implements Landing {
    }

    /** Where {@code offeredName} lands, or {@code chosen} when the receiver gave one. */
    static Landing of(String offeredName, Optional<Path> chosen) {
        Optional<Path> target = chosen.isPresent() ? chosen : safeName(offeredName);
        if (target.isEmpty()) {
            return new UnusableName();
        }
        // Not following a link: one planted under the offered name must not decide where the file goes.
        if (Files.exists(target.get(), LinkOption.NOFOLLOW_LINKS)) {
            return new Exists(target.get());
        }
        return new At(target.get());
    }

    /**
     * Only the last path component of the sender's name (either slash), never a path that climbs out of the current
     * directory: nothing for an empty name, {@code .}, {@code ..} or one with a NUL.
     */
    static Optional<Path> safeName(String suggested) {
        String base = suggested.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("..") || base.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        return Optional.of(Path.of(base));
    }
}
