package org.annexp2p.testkit.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Executables that stand in for a peer's programs: a network helper ({@code git-annex-p2p-NETNAME}), an ssh that
 * runs the remote command here, any script a test puts on a PATH. Each is its owner's alone (0700), as our own
 * helper search accepts.
 */
public final class StandInScript {
    private StandInScript() {}

    /** Writes {@code text}, a whole script with its {@code #!} line, to {@code file} and makes it executable. */
    public static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** The network helper {@code git-annex-p2p-NETWORK} in {@code dir}, which a test then puts on the search PATH. */
    public static Path networkHelper(Path dir, String network, String text) throws IOException {
        return write(dir.resolve("git-annex-p2p-" + network), text);
    }

    /**
     * {@code dir/fakessh}, an ssh for {@code GIT_SSH}: it appends its arguments to {@code dir/fakessh.log} and runs the
     * last one, the remote command git-annex passes last (so {@code remote.NAME.annex-shell} runs on this machine).
     */
    public static Path ssh(Path dir) throws IOException {
        return write(dir.resolve("fakessh"), "#!/bin/sh\necho \"$*\" >> '" + dir.resolve("fakessh.log") + "'\n"
                + "for last; do :; done\nexec sh -c \"$last\"\n");
    }
}
