package org.annexp2p.session.plugin.net;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a network's helper program is: the first executable of that name in a directory of the search path.
 * Only absolute directories count: an empty or relative entry would run whatever the current directory holds.
 *
 * @param searchPath the PATH to search, as the environment writes it
 */
public record HelperSearch(String searchPath) {

    /** This process's PATH. */
    public static HelperSearch fromEnvironment() {
        String path = System.getenv("PATH");
        return new HelperSearch(path == null ? "" : path);
    }

    /** The helper {@code program}, if a directory on the path holds it as an executable file. */
    public Optional<Path> find(String program) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            try {
                Path d = Path.of(dir);
                if (!d.isAbsolute()) {
                    continue;
                }
                Path candidate = d.resolve(program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException ignored) {
                // A PATH entry no file could be in holds no helper either.
            }
        }
        return Optional.empty();
    }
}
