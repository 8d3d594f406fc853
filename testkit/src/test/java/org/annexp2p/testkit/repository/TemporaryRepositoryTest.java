package org.annexp2p.testkit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.testkit.content.AnnexedContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryRepositoryTest {
    @TempDir
    Path tmp;

    @Test
    void aRepositoryWithAUuidNeedsOnlyGit() throws Exception {
        TemporaryRepository r = TemporaryRepository.withUuid(tmp.resolve("r"), "5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11");
        assertThat(r.uuid()).isEqualTo("5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11");
        assertThat(r.git("symbolic-ref", "HEAD").out().strip()).isEqualTo("refs/heads/master");
        assertThat(r.git("config", "user.email").out().strip()).isEqualTo(TemporaryRepository.USER_EMAIL);
    }

    @Test
    void gitAnnexNamesAddedContentAsTheContentFixtureDoes() throws Exception {
        TemporaryRepository r = TemporaryRepository.annex(tmp.resolve("annexed"), "test repo");
        assertThat(r.uuid()).hasSize(36);
        byte[] bytes = "some content\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(r.add("dir/a.txt", bytes)).isEqualTo(AnnexedContent.of(bytes, ".txt").keyText());
    }

    @Test
    void deleteRemovesFrozenObjectDirectories() throws Exception {
        TemporaryRepository r = TemporaryRepository.annex(tmp.resolve("frozen"), "frozen");
        r.add("f.bin", new byte[] {1, 2, 3});
        try (var objects = Files.walk(r.resolve(".git/annex/objects"))) {
            // By its mode bits: for root, who runs CI here, Files.isWritable is always true (and any tree deletes:
            // the thaw is shown only when another user runs this).
            assertThat(objects.filter(Files::isDirectory).anyMatch(TemporaryRepositoryTest::frozen))
                    .as("git-annex froze a directory").isTrue();
        }
        TemporaryRepository.delete(tmp.resolve("frozen"));
        assertThat(tmp.resolve("frozen")).doesNotExist();
    }

    private static boolean frozen(Path dir) {
        try {
            return !Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
