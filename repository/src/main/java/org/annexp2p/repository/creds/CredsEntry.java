package org.annexp2p.repository.creds;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** A regular file of the creds directory and its mode, as {@code annex-p2p doctor} reports it ({@link CredsDir#entries}). */
public record CredsEntry(String name, Set<PosixFilePermission> mode) {

    public CredsEntry {
        mode = Set.copyOf(mode);
    }

    /** Whether group or others may access it, so that reading it is refused. */
    public boolean othersMayAccess() {
        return PrivateFile.othersMayAccess(mode);
    }

    /** {@code NAME (rw-r--r--)}. */
    @Override
    public String toString() {
        return name + " (" + PosixFilePermissions.toString(mode) + ")";
    }
}
