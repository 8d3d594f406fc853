package org.annexp2p.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code git-shell ARGS...} with our stdin, stdout and stderr; its exit code, or non-zero when it cannot start. */
interface GitShell {
    int run(List<String> args);

    static GitShell onPath() {
        return args -> {
            List<String> argv = new ArrayList<>(List.of("git-shell"));
            argv.addAll(args);
            try {
                return new ProcessBuilder(argv).inheritIO().start().waitFor();
            } catch (IOException e) {
                return 127;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        };
    }
}
