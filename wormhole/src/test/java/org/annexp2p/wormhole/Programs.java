package org.annexp2p.wormhole;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Debian peers on PATH and fails loudly, naming the package, when one is missing. */
final class Programs {

    private Programs() {
    }

    static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("interop peer missing: program '" + program + "' (Debian package " + debianPackage + ") is not on PATH");
    }
}
