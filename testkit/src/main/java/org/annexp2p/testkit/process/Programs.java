package org.annexp2p.testkit.process;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds interop peers (Debian programs) on PATH and fails loudly, naming the package, when one is missing. */
public final class Programs {

    private Programs() {
    }

    /** {@code program}'s path on PATH; fails the test, naming {@code debianPackage}, when it is not there. */
    public static Path require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail("interop peer missing: program '" + program + "' (Debian package " + debianPackage + ") is not on PATH");
    }
}
