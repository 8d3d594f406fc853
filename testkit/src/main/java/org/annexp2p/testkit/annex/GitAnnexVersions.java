package org.annexp2p.testkit.annex;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;

/**
 * The two git-annex releases interop tests compare with: Debian 12's (/usr/bin) and the newer one from
 * bookworm-backports, kept beside it by shared/peers/newer-git-annex.sh. The newer one's {@code usr} directory is
 * ANNEX_P2P_NEWER_GIT_ANNEX (CI sets it) or what that script prints (so {@code ./test.sh} alone works on a dev
 * machine). Missing either fails the test: interop tests never skip. Every module's interop tests take their
 * cases from {@link #both()}, so a repository format that changed between the releases shows in the module that
 * reads it.
 */
public final class GitAnnexVersions {
    private GitAnnexVersions() {}

    public static final String NEWER_VARIABLE = "ANNEX_P2P_NEWER_GIT_ANNEX";

    /**
     * One installed git-annex: its version, its name for messages, its bin directory (with its git-annex-shell), and
     * the highest P2P protocol version it speaks (what it answers to {@code VERSION 4}).
     */
    public record Release(String version, String name, Path bin, int protocolVersion) {
        public Path gitAnnexShell() {
            return bin.resolve("git-annex-shell");
        }

        /** PATH with this release first, so that what it runs of itself is itself. */
        public String path() {
            return bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        }

        /** PATH with {@code dirs} first, then this release. */
        public String path(Path... dirs) {
            StringBuilder p = new StringBuilder();
            for (Path d : dirs) {
                p.append(d).append(':');
            }
            return p.append(path()).toString();
        }

        /** The environment every git and git-annex of a case runs with: {@link #path()} as PATH. */
        public Map<String, String> env() {
            return Map.of("PATH", path());
        }

        /** {@code more} with this release's PATH; a PATH in {@code more} is put in front of it. */
        public Map<String, String> env(Map<String, String> more) {
            Map<String, String> all = new HashMap<>(more);
            all.merge("PATH", path(), (theirs, ours) -> theirs + ":" + ours);
            return all;
        }

        /** The name parameterised tests show. */
        @Override
        public String toString() {
            return name;
        }
    }

    /** The newer release alone: the one that speaks protocol v2-v4, clusters and proxies. */
    public static Release newer() throws IOException {
        return both().get(1);
    }

    /** Both, the Debian 12 one first; found once per test JVM. */
    public static synchronized List<Release> both() throws IOException {
        if (found == null) {
            found = List.of(
                    require(new Release("10.20230126", "git-annex 10.20230126 (Debian 12)", Path.of("/usr/bin"), 1)),
                    require(new Release("10.20250416", "git-annex 10.20250416 (bookworm-backports)",
                            newerUsr().resolve("bin"), 4)));
        }
        return found;
    }

    private static List<Release> found;

    private static Release require(Release r) throws IOException {
        if (!Files.isExecutable(r.bin().resolve("git-annex"))) {
            fail(r.name() + ": " + r.bin().resolve("git-annex") + " is missing: interop tests need the Debian "
                    + "git-annex package and the newer release (.ci/run installs both)");
        }
        if (!Files.isExecutable(r.gitAnnexShell())) {
            fail(r.name() + ": " + r.gitAnnexShell() + " is missing (interop tests need it; .ci/run installs both)");
        }
        // Another build in its place would make "both" one release twice, or test a version we do not claim.
        Finished v = Command.of(r.bin().resolve("git-annex").toString(), "version", "--raw").run();
        if (v.exit() != 0 || !v.out().strip().equals(r.version())) {
            fail(r.name() + ": " + r.bin() + "/git-annex is version " + v.out().strip() + " (exit " + v.exit() + ")");
        }
        return r;
    }

    private static Path newerUsr() throws IOException {
        String set = System.getenv(NEWER_VARIABLE);
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        // The tests run in their module's directory, one below the checkout; shared/ sits beside the checkout.
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
