package org.annexp2p.interpreters.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.testkit.repository.GitAnnexFixture;
import org.annexp2p.repository.Repository;

/** The repository contract on a real bare git-annex repository. */
class BareAnnexRepositoryIT extends RepositoryContract {
    private static Path tmp;
    private static AnnexRepository repo;
    private static long files;

    @BeforeContainer
    static void createRepository() throws IOException {
        tmp = Files.createTempDirectory("bare-annex-repository-it");
        repo = AnnexRepository.open(GitAnnexFixture.newRepository(tmp, "repo.git", true));
    }

    @AfterContainer
    static void deleteRepository() throws IOException {
        GitAnnexFixture.deleteTree(tmp);
    }

    @Override
    Repository repository() {
        return repo;
    }

    @Override
    String freshFilePath() {
        return tmp.resolve("downloads").resolve("file-" + (++files)).toString();
    }

    @Override
    io.vavr.control.Option<byte[]> fileContent(String path) throws java.io.IOException {
        java.nio.file.Path p = java.nio.file.Path.of(path);
        return java.nio.file.Files.exists(p) ? io.vavr.control.Option.some(java.nio.file.Files.readAllBytes(p))
                : io.vavr.control.Option.none();
    }
}
