package org.annexp2p.repository;

import org.annexp2p.testkit.repository.GitAnnexFixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A saved git config answer is used exactly while the files git could read it from are unchanged. */
class SavedConfigIT {
    private static final String QUERY = "^annex\\.uuid$";

    private Path tmp;
    private Path repo;
    private Path home;
    private Map<String, String> env;
    private final AtomicInteger asked = new AtomicInteger();
    private final Map<String, String> gitsAnswer = new HashMap<>(Map.of("annex.uuid", "the answer"));

    @BeforeEach
    void repository() throws IOException {
        tmp = Files.createTempDirectory("saved-config-it");
        repo = GitAnnexFixture.newRepository(tmp, "repo", false);
        home = Files.createDirectories(tmp.resolve("home"));
        env = new HashMap<>(Map.of("HOME", home.toString()));
    }

    @AfterEach
    void delete() throws IOException {
        GitAnnexFixture.deleteTree(tmp);
    }

    private Map<String, String> answer() throws IOException {
        SavedConfig saved = SavedConfig.of(repo, repo.resolve(".git"), env).orElseThrow();
        return saved.answer(QUERY, () -> {
            asked.incrementAndGet();
            return Map.copyOf(gitsAnswer);
        });
    }

    private Path savedFile() {
        return repo.resolve(".git/annex/annex-p2p-config");
    }

    @Test
    void gitIsAskedOnceWhileNothingChanges() throws IOException {
        assertThat(answer()).containsEntry("annex.uuid", "the answer");
        gitsAnswer.put("annex.uuid", "what git would say now");
        assertThat(answer()).containsEntry("annex.uuid", "the answer");
        assertThat(answer()).containsEntry("annex.uuid", "the answer");
        assertThat(asked).hasValue(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(savedFile()))).isEqualTo("rw-------");
    }

    @Test
    void aChangeInAnySourceAsksGitAgain() throws IOException {
        answer();
        GitAnnexFixture.ok(repo, "", "git", "config", "annex.something", "else");
        assertThat(answer()).isNotNull();
        assertThat(asked).hasValue(2);
        Files.writeString(home.resolve(".gitconfig"), "[user]\n\tname = someone\n");
        answer();
        assertThat(asked).hasValue(3);
        Files.createDirectories(home.resolve(".config/git"));
        Files.writeString(home.resolve(".config/git/config"), "[core]\n\tpager = less\n");
        answer();
        assertThat(asked).hasValue(4);
        // The same size, the same modification time: the checksum still tells.
        Path config = repo.resolve(".git/config");
        var modified = Files.getLastModifiedTime(config);
        String text = Files.readString(config);
        assertThat(text).contains("something = else");
        Files.writeString(config, text.replace("something = else", "something = elsE"));
        Files.setLastModifiedTime(config, modified);
        answer();
        assertThat(asked).hasValue(5);
        answer();
        assertThat(asked).hasValue(5);
    }

    @Test
    void anotherQueryIsAnotherAnswer() throws IOException {
        answer();
        SavedConfig.of(repo, repo.resolve(".git"), env).orElseThrow().answer("^core\\.bare$", () -> {
            asked.incrementAndGet();
            return Map.of();
        });
        assertThat(asked).hasValue(2);
    }

    @Test
    void nothingIsSavedWhenAnIncludeCouldBringInAnotherFile() throws IOException {
        Files.writeString(home.resolve(".gitconfig"), "[includeIf \"gitdir:~/work/\"]\n\tpath = work.gitconfig\n");
        answer();
        answer();
        assertThat(asked).hasValue(2);
        assertThat(savedFile()).doesNotExist();
    }

    @Test
    void nothingIsSavedWhenASourceChangesWhileGitIsAsked() throws IOException {
        SavedConfig saved = SavedConfig.of(repo, repo.resolve(".git"), env).orElseThrow();
        saved.answer(QUERY, () -> {
            GitAnnexFixture.ok(repo, "", "git", "config", "annex.changed", "meanwhile");
            return Map.of("annex.uuid", "maybe stale");
        });
        assertThat(savedFile()).doesNotExist();
    }

    @Test
    void aDamagedSavedAnswerIsReplaced() throws IOException {
        answer();
        Files.write(savedFile(), "not what we wrote".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.TRUNCATE_EXISTING);
        assertThat(answer()).containsEntry("annex.uuid", "the answer");
        assertThat(asked).hasValue(2);
        answer();
        assertThat(asked).hasValue(2);
    }

    @Test
    void theSavedFileHoldsFingerprintsNotTheConfigFiles() throws IOException {
        Files.writeString(home.resolve(".gitconfig"), "[credential]\n\thelper = store --file=/tmp/SECRETXYZ\n");
        answer();
        assertThat(new String(Files.readAllBytes(savedFile()), StandardCharsets.ISO_8859_1))
                .doesNotContain("SECRETXYZ").doesNotContain("credential");
    }

    @Test
    void nothingIsSavedWhereOtherFilesMayDecideOrThereIsNoAnnex() throws IOException {
        env.put("GIT_CONFIG_COUNT", "1");
        assertThat(SavedConfig.of(repo, repo.resolve(".git"), env)).isEmpty();
        env.remove("GIT_CONFIG_COUNT");
        env.remove("HOME");
        assertThat(SavedConfig.of(repo, repo.resolve(".git"), env)).isEmpty();
        env.put("HOME", home.toString());
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        GitAnnexFixture.ok(plain, "", "git", "init", "-q");
        assertThat(SavedConfig.of(plain, plain.resolve(".git"), env)).isEmpty();
        Files.writeString(repo.resolve(".git/commondir"), "../..\n");
        assertThat(SavedConfig.of(repo, repo.resolve(".git"), env)).isEmpty();
    }

    @Test
    void aRepositoryOpensWithItsCurrentUuidAfterItChanges() throws IOException {
        String uuid = AnnexRepository.open(repo).uuid().toString();
        // This process's own environment decides (a developer's ~/.gitconfig may well have an includeIf).
        boolean savable = SavedConfig.of(repo, repo.resolve(".git"), System.getenv())
                .map(SavedConfig::canSave).orElse(false);
        assertThat(savedFile().toFile().exists()).as("saved where this environment allows it").isEqualTo(savable);
        assertThat(AnnexRepository.open(repo).uuid().toString()).isEqualTo(uuid);
        String other = "5a1e5a1e-0000-4000-8000-000000000001";
        GitAnnexFixture.ok(repo, "", "git", "config", "annex.uuid", other);
        assertThat(AnnexRepository.open(repo).uuid().toString()).isEqualTo(other);
    }
}
