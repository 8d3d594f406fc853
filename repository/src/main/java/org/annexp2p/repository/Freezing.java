package org.annexp2p.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * git-annex "freezes" content: objects and their directories lose their write bits, so that neither the user
 * nor a stray process can change or delete content in place. A directory is thawed briefly to add or remove
 * a file in it.
 */
final class Freezing {
    private static final Set<PosixFilePermission> WRITE = EnumSet.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private Freezing() {}

    static void freeze(Path p) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(view.readAttributes().permissions());
            if (perms.removeAll(WRITE)) {
                view.setPermissions(perms);
            }
        }
    }

    static void thaw(Path p) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            perms.addAll(view.readAttributes().permissions());
            if (perms.add(PosixFilePermission.OWNER_WRITE)) {
                view.setPermissions(perms);
            }
        }
    }

    interface DirAction<T> {
        T run() throws IOException;
    }

    /** Runs an action that adds or removes a file in a frozen directory, and freezes it again. */
    static <T> T inThawed(Path dir, DirAction<T> action) throws IOException {
        thaw(dir);
        try {
            return action.run();
        } finally {
            if (Files.isDirectory(dir)) {
                freeze(dir);
            }
        }
    }
}
