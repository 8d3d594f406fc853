package org.annexp2p.http.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.annexp2p.repository.AnnexRepository;

/** What a server serves, {@code --repo} or every repository below the {@code --directory}s, and how to say so. */
public record RepositoryChoice(ServedRepositories served, String description) {

    public static RepositoryChoice open(Path repo, List<Path> directories) throws IOException {
        if (directories.isEmpty()) {
            AnnexRepository repository = AnnexRepository.open(repo);
            return new RepositoryChoice(ServedRepositories.single(repository),
                    repository.top() + " (" + repository.uuid() + ")");
        }
        DirectoryRepositories below = new DirectoryRepositories(io.vavr.collection.List.ofAll(directories), Clock.systemUTC());
        return new RepositoryChoice(below, "the repositories below "
                + directories.stream().map(Path::toString).collect(Collectors.joining(", ")) + " (" + below.scan().size() + " now)");
    }
}
