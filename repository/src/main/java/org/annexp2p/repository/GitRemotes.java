package org.annexp2p.repository;

import java.io.IOException;
import java.util.List;
import org.annexp2p.protocol.wire.Uuid;

/** A repository's git remotes: the names taken, and adding one for a peer whose annex-uuid is known. */
public final class GitRemotes {
    private final GitProcess git;

    GitRemotes(GitProcess git) {
        this.git = git;
    }

    public List<String> names() throws IOException {
        return run("remote").lines().toList();
    }

    /** Each remote's name and URL ({@code remote.NAME.url}), in git's order; a remote without a URL is left out. */
    public java.util.Map<String, String> urls() throws IOException {
        GitProcess.Result r = git.run(new byte[0], "config", "--null", "--get-regexp", "^remote\\..*\\.url$");
        // git config exits 1 when nothing matches: no remote has a URL.
        if (r.exitCode() == 1) {
            return java.util.Map.of();
        }
        if (r.exitCode() != 0) {
            throw new IOException("git config --get-regexp remote URLs failed: " + r.stderr());
        }
        java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
        for (String entry : new String(r.stdout(), java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
            int newline = entry.indexOf('\n');
            if (newline > 0) {
                String key = entry.substring(0, newline);
                urls.put(key.substring("remote.".length(), key.length() - ".url".length()), entry.substring(newline + 1));
            }
        }
        return java.util.Collections.unmodifiableMap(urls);
    }

    /** Adds remote {@code name} at {@code url}, recording {@code annexUuid} as git-annex does (remote.NAME.annex-uuid). */
    public void add(String name, String url, Uuid annexUuid) throws IOException {
        // git would take it for an option here, or later wherever a remote is named on a command line.
        if (name.startsWith("-")) {
            throw new IOException("not a remote name (it starts with '-'): " + name);
        }
        run("remote", "add", "--", name, url);
        run("config", "remote." + name + ".annex-uuid", annexUuid.value());
    }

    /** Sets {@code remote.NAME.SETTING} (e.g. git-annex's {@code annexurl}) of a remote that exists. */
    public void configure(String name, String setting, String value) throws IOException {
        run("config", "remote." + name + "." + setting, value);
    }

    /** The first of peer1, peer2, ... that is not a remote's name yet. */
    public String freePeerName() throws IOException {
        List<String> taken = names();
        for (int i = 1; ; i++) {
            if (!taken.contains("peer" + i)) {
                return "peer" + i;
            }
        }
    }

    private String run(String... args) throws IOException {
        GitProcess.Result r = git.run(new byte[0], args);
        if (r.exitCode() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + r.stderr());
        }
        return new String(r.stdout(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
