package org.annexp2p.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.collection.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryRepositoriesTest {
    @TempDir
    Path tmp;

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void repositoriesBelowAreFoundAsTheyComeAndGo() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        TemporaryRepository.withUuid(served.resolve("a"), "uuid-a");
        TemporaryRepository.withUuid(served.resolve("deeper/b"), "uuid-b");
        TemporaryRepository.git(served.resolve("plain-git"));
        DirectoryRepositories repositories = new DirectoryRepositories(List.of(served), clock);
        assertThat(repositories.find(new Uuid("uuid-a")).map(r -> r.uuid().value())).contains("uuid-a");
        assertThat(repositories.find(new Uuid("uuid-b"))).isNotEmpty();

        TemporaryRepository.withUuid(served.resolve("c"), "uuid-c");
        assertThat(repositories.find(new Uuid("uuid-c"))).as("not looked for again so soon").isEmpty();
        now = now.plus(DirectoryRepositories.RESCAN);
        assertThat(repositories.find(new Uuid("uuid-c"))).isNotEmpty();

        TemporaryRepository.delete(served.resolve("a"));
        assertThat(repositories.find(new Uuid("uuid-a"))).isEmpty();
    }

    @Test
    void nothingOutsideTheDirectoryIsServed() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        TemporaryRepository.withUuid(tmp.resolve("outside"), "uuid-outside");
        Files.createSymbolicLink(served.resolve("link"), tmp.resolve("outside"));
        Path worktree = Files.createDirectories(served.resolve("worktree"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + tmp.resolve("outside/.git") + "\n");
        DirectoryRepositories repositories = new DirectoryRepositories(List.of(served), clock);
        assertThat(repositories.scan()).isEmpty();
        assertThat(repositories.find(new Uuid("uuid-outside"))).isEmpty();
    }

    @Test
    void aRepositoryInsideARepositoryIsNotSearchedFor() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served"));
        TemporaryRepository.withUuid(served.resolve("outer"), "uuid-outer");
        TemporaryRepository.withUuid(served.resolve("outer/inner"), "uuid-inner");
        assertThat(new DirectoryRepositories(List.of(served), clock).scan().keySet()).containsExactly(new Uuid("uuid-outer"));
    }
}
