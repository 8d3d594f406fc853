package org.annexp2p.repository;

import org.annexp2p.testkit.content.TestKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AnnexRepository#create}: a repository made with git alone opens, stores, logs, and keeps its identity. */
class AnnexInitTest {
    @TempDir
    Path tmp;

    @Test
    void aCreatedRepositoryOpensWithItsUuidAndTakesContent() throws IOException {
        AnnexRepository made = AnnexRepository.create(tmp.resolve("r"));
        assertThat(Files.readString(tmp.resolve("r/.git/config"))).contains("version = 10")
                .contains(made.uuid().value());
        AnnexRepository reopened = AnnexRepository.open(tmp.resolve("r"));
        assertThat(reopened.uuid()).isEqualTo(made.uuid());

        byte[] content = "created\n".getBytes(StandardCharsets.US_ASCII);
        Key key = Ingest.sha256e(reopened, () -> new ByteArrayInputStream(content), ".txt");
        assertThat(Files.readAllBytes(reopened.locate(key).get())).isEqualTo(content);
        assertThat(reopened.locations(key)).containsExactly(made.uuid());
    }

    @Test
    void twoCreatedRepositoriesHaveDifferentUuids() throws IOException {
        assertThat(AnnexRepository.create(tmp.resolve("a")).uuid())
                .isNotEqualTo(AnnexRepository.create(tmp.resolve("b")).uuid());
    }

    @Test
    void anExistingRepositoryIsNotReinitialisedUnderANewIdentity() throws IOException {
        AnnexRepository first = AnnexRepository.create(tmp.resolve("r"));
        assertThatThrownBy(() -> AnnexRepository.create(tmp.resolve("r"))).isInstanceOf(IOException.class)
                .hasMessageContaining("already a git repository");
        assertThat(AnnexRepository.open(tmp.resolve("r")).uuid()).isEqualTo(first.uuid());
    }

    @Test
    void anArrivalInTheObjectStoreIsLoggedAndOneInAFileIsNot() throws IOException {
        AnnexRepository repo = AnnexRepository.create(tmp.resolve("r"));
        byte[] content = "here\n".getBytes(StandardCharsets.US_ASCII);
        Key stored = Ingest.sha256e(repo, () -> new ByteArrayInputStream(content), ".txt");
        Key elsewhere = TestKeys.sha256e("elsewhere\n".getBytes(StandardCharsets.US_ASCII), ".txt");
        repo.recordArrival(new Destination.File(elsewhere, tmp.resolve("out.txt").toString()));
        assertThat(repo.locations(elsewhere)).isEmpty();
        repo.recordPresence(stored, repo.uuid(), false); // as if a get was killed before it logged
        assertThat(repo.locations(stored)).isEmpty();
        repo.recordArrival(new Destination.ObjectStore(stored));
        assertThat(repo.locations(stored)).containsExactly(repo.uuid());
    }
}
