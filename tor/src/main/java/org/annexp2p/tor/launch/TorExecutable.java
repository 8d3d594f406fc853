package org.annexp2p.tor.launch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.tor.TorException;
import org.annexp2p.tor.TorException.Reason;

/** Finds the {@code tor} program on PATH. */
final class TorExecutable {

    private TorExecutable() {
    }

    public static Path find(String pathVariable) throws TorException {
        return search(pathVariable).orElseThrow(() -> new TorException(Reason.TOR_MISSING,
                "no 'tor' program found on PATH; install tor (e.g. apt install tor) or attach to a running tor"
                        + " with --tor attach --tor-control HOST:PORT"));
    }

    static Optional<Path> search(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "tor");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
