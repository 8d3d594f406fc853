package org.annexp2p.http.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.serving.ServingRecord;

/**
 * What a server serves, {@code --repo} or every repository below the {@code --directory}s, and how to say so;
 * {@code single} is the {@code --repo} one.
 */
public record RepositoryChoice(ServedRepositories served, String description, Optional<AnnexRepository> single) {

    public static RepositoryChoice open(Path repo, List<Path> directories) throws IOException {
        if (directories.isEmpty()) {
            AnnexRepository repository = AnnexRepository.open(repo);
            return new RepositoryChoice(ServedRepositories.single(repository),
                    repository.top() + " (" + repository.uuid() + ")", Optional.of(repository));
        }
        DirectoryRepositories below = new DirectoryRepositories(io.vavr.collection.List.ofAll(directories), Clock.systemUTC());
        return new RepositoryChoice(below, "the repositories below "
                + directories.stream().map(Path::toString).collect(Collectors.joining(", ")) + " (" + below.scan().size() + " now)", Optional.empty());
    }

    /**
     * Records {@code server} in the {@code --repo} repository's {@link ServingRecord} until the returned entry is
     * closed; the {@code --directory} repositories come and go, so they are not recorded.
     */
    public AutoCloseable record(ServerSettings.Plan plan, P2pHttpServer server) throws IOException {
        if (single.isEmpty()) {
            return () -> { };
        }
        ServingRecord.Entry entry = ServingRecord.of(single.get().annexDir()).begin();
        entry.add(plan.scheme(), plan.annexUrl(server.address()) + single.get().uuid().value());
        return entry;
    }
}
