package org.annexp2p.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.protocol.wire.Uuid;

/** Where a git-annex repository's git directory is, whether it is bare, and its UUID — or why it is not one. */
record GitLocation(Path top, Path gitDir, boolean bare, Uuid uuid) {

    /** The settings we read, as one {@code git config --get-regexp} pattern. */
    private static final String QUERY = "^(annex\\.uuid|core\\.bare|annex\\.tune\\..*)$";

    /** {@code dir}'s repository, git's config read in {@code environment}. */
    static GitLocation find(Path dir, GitEnvironment environment) throws IOException {
        Path top = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(top)) {
            throw new IOException("not a directory: " + top);
        }
        Path gitDir = gitDir(top);
        Map<String, String> config = config(top, gitDir, environment);
        String uuid = config.getOrDefault("annex.uuid", "");
        if (uuid.isEmpty()) {
            throw new IOException(top + " is a git repository but not a git-annex repository"
                    + " (no annex.uuid; run git annex init there)");
        }
        // These tunings change the object and branch layouts; guessing would scatter content where git-annex
        // does not look.
        for (String tuning : List.of("annex.tune.objecthash1", "annex.tune.objecthashlower", "annex.tune.branchhash1")) {
            if (config.getOrDefault(tuning, "false").equalsIgnoreCase("true")) {
                throw new IOException(top + " uses " + tuning + ", a layout annex-p2p does not support");
            }
        }
        boolean bare = gitDir.equals(top) || config.getOrDefault("core.bare", "false").equalsIgnoreCase("true");
        return new GitLocation(top, gitDir, bare, new Uuid(uuid));
    }

    private static Path gitDir(Path top) throws IOException {
        Path dotGit = top.resolve(".git");
        if (Files.isDirectory(dotGit)) {
            return dotGit;
        }
        if (Files.isRegularFile(dotGit)) {
            String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (line.startsWith("gitdir:")) {
                return top.resolve(line.substring("gitdir:".length()).strip()).normalize();
            }
            throw new IOException(dotGit + " is a file but does not say where the git directory is");
        }
        if (Files.isRegularFile(top.resolve("HEAD")) && Files.isDirectory(top.resolve("objects"))
                && Files.isRegularFile(top.resolve("config"))) {
            return top;
        }
        throw new IOException("not a git repository: " + top);
    }

    private static Map<String, String> config(Path top, Path gitDir, GitEnvironment environment) throws IOException {
        GitProcess git = new GitProcess(gitDir, environment);
        // The environment decides which files git reads its config from, so whether a saved answer still holds.
        Optional<SavedConfig> saved = SavedConfig.of(top, gitDir, environment.variables());
        return saved.isPresent() ? saved.get().answer(QUERY, () -> ask(git)) : ask(git);
    }

    private static Map<String, String> ask(GitProcess git) throws IOException {
        GitProcess.Result r = git.run(new byte[0], "config", "-z", "--get-regexp", QUERY);
        Map<String, String> config = new HashMap<>();
        if (r.exitCode() == 1) {
            return config;
        }
        if (r.exitCode() != 0) {
            throw new IOException("git config failed: " + r.stderr());
        }
        for (String entry : new String(r.stdout(), StandardCharsets.UTF_8).split("\0")) {
            int nl = entry.indexOf('\n');
            if (nl > 0) {
                config.put(entry.substring(0, nl), entry.substring(nl + 1));
            }
        }
        return config;
    }
}
