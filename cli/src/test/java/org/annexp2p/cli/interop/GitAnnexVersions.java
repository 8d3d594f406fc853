package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;

/**
 * The two git-annex releases interop tests compare with: Debian 12's (/usr/bin) and the newer one from
 * bookworm-backports, kept beside it by shared/peers/newer-git-annex.sh. The newer one's {@code usr} directory is
 * ANNEX_P2P_NEWER_GIT_ANNEX (CI sets it) or what that script prints (so {@code ./test.sh} alone works on a dev
 * machine). Missing either fails the test: interop tests never skip.
 */
public final class GitAnnexVersions {
    private GitAnnexVersions() {}

    public static final String NEWER_VARIABLE = "ANNEX_P2P_NEWER_GIT_ANNEX";

    /** One installed git-annex: its name for messages, its bin directory, its git-annex-shell. */
    public record Release(String name, Path bin) {
        public Path gitAnnexShell() {
            return bin.resolve("git-annex-shell");
        }

        /** PATH with this release first, so that what it runs of itself is itself. */
        public String path() {
            return bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        }
    }

    public static List<Release> both() throws IOException {
        GitAnnex.requireInstalled();
        return List.of(require(new Release("git-annex (Debian 12)", Path.of("/usr/bin"))),
                require(new Release("git-annex (newer, bookworm-backports)", newerUsr().resolve("bin"))));
    }

    private static Release require(Release r) {
        if (!Files.isExecutable(r.gitAnnexShell())) {
            fail(r.name() + ": " + r.gitAnnexShell() + " is missing (interop tests need it; .ci/run installs both)");
        }
        return r;
    }

    static Path newerUsr() throws IOException {
        String set = System.getenv(NEWER_VARIABLE);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        // The tests run in cli/; shared/ sits beside the checkout.
        Path script = Path.of("..", "..", "shared", "peers", "newer-git-annex.sh").toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            fail(NEWER_VARIABLE + " is not set and " + script + " is missing: the newer git-annex cannot be found");
        }
        // A hang fails at the bound, showing what the script printed.
        Finished run = Command.of("sh", script.toString()).run(Duration.ofMinutes(10));
        String out = run.out().strip();
        if (run.exit() != 0 || out.isEmpty()) {
            fail(script + " failed (exit " + run.exit() + "), printing: " + out + "\nstderr:\n" + run.err());
        }
        return Path.of(out.lines().reduce((a, b) -> b).orElseThrow());
    }
}
