package org.annexp2p.interpreters.local;

import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.Repository;
import org.annexp2p.testkit.repository.GitAnnexFixture;

/** The repository contract on a real git-annex repository; each subclass makes one kind (work tree, bare). */
abstract class OnDiskRepositoryContract extends RepositoryContract {

    /** A test class's repository, made once for all its properties (git annex init is not quick). */
    static final class Disk {
        private final Path tmp;
        private final AnnexRepository repository;
        private long files;

        private Disk(Path tmp, AnnexRepository repository) {
            this.tmp = tmp;
            this.repository = repository;
        }

        static Disk create(String prefix, String name, boolean bare) throws IOException {
            Path tmp = Files.createTempDirectory(prefix);
            return new Disk(tmp, AnnexRepository.open(GitAnnexFixture.newRepository(tmp, name, bare)));
        }

        void delete() throws IOException {
            GitAnnexFixture.deleteTree(tmp);
        }
    }

    abstract Disk disk();

    @Override
    Repository repository() {
        return disk().repository;
    }

    @Override
    String freshFilePath() {
        return disk().tmp.resolve("downloads").resolve("file-" + (++disk().files)).toString();
    }

    @Override
    Option<byte[]> fileContent(String path) throws IOException {
        Path p = Path.of(path);
        return Files.exists(p) ? Option.some(Files.readAllBytes(p)) : Option.none();
    }
}
