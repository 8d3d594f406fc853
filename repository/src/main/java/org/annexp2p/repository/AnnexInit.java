package org.annexp2p.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.protocol.wire.Uuid;

/**
 * A new git-annex repository made with git alone: what {@code git annex init} records that this library reads
 * (a fresh annex.uuid, annex.version 10), so a demo or a build step needs git but not git-annex.
 */
final class AnnexInit {
    private AnnexInit() {}

    static void at(Path dir) throws IOException {
        // Re-initialising would give an existing repository a new identity, orphaning its location logs.
        if (Files.exists(dir.resolve(".git"))) {
            throw new IOException(dir + " is already a git repository");
        }
        Files.createDirectories(dir);
        GitProcess.init(dir);
        GitProcess git = new GitProcess(dir.resolve(".git"));
        set(git, "annex.uuid", Uuid.random().value());
        set(git, "annex.version", "10");
    }

    private static void set(GitProcess git, String name, String value) throws IOException {
        GitProcess.Result r = git.run(new byte[0], "config", name, value);
        if (r.exitCode() != 0) {
            throw new IOException("git config " + name + " failed: " + r.stderr());
        }
    }
}
