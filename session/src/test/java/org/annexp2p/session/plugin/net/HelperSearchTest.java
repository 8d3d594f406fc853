package org.annexp2p.session.plugin.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.testkit.peers.StandInScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file on PATH is a network's helper. */
class HelperSearchTest {
    @TempDir
    Path tmp;

    @Test
    void theFirstExecutableOnThePathIsTheHelper() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        Files.writeString(plain.resolve("git-annex-p2p-x"), "not executable");
        Path runnable = executable(first.resolve("git-annex-p2p-x"));
        executable(second.resolve("git-annex-p2p-x"));
        HelperSearch search = new HelperSearch(plain + ":" + first + ":" + second);
        assertThat(search.find("git-annex-p2p-x")).contains(runnable);
        assertThat(search.find("git-annex-p2p-y")).isEmpty();
    }

    @Test
    void relativePathEntriesAreNotSearched() throws Exception {
        Path planted = executable(tmp.resolve("git-annex-p2p-x"));
        String relative = Path.of("").toAbsolutePath().relativize(tmp).toString();
        assertThat(new HelperSearch(":" + relative).find("git-annex-p2p-x")).isEmpty();
        assertThat(new HelperSearch(tmp.toString()).find("git-annex-p2p-x")).as("found where named absolutely").contains(planted);
    }

    private static Path executable(Path file) throws Exception {
        return StandInScript.write(file, "#!/bin/sh\nexit 0\n");
    }
}
