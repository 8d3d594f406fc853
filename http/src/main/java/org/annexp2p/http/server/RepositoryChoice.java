package org.annexp2p.http.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.serving.ServingRecord;

/**
 * What a server serves, {@code --repo} or every repository below the {@code --directory}s, and how to say so;
 * {@code single} is the {@code --repo} one.
 */
public record RepositoryChoice(ServedRepositories served, String description, Optional<AnnexRepository> single) {
    private static final System.Logger LOG = System.getLogger(RepositoryChoice.class.getName());

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
     * closed; the {@code --directory} repositories come and go, so they are not recorded. A record that cannot be
     * written is a warning: the server serves all the same.
     */
    public AutoCloseable record(ServerSettings.Plan plan, P2pHttpServer server) {
        if (single.isEmpty()) {
            return () -> { };
        }
        ServingRecord.Entry entry = ServingRecord.of(single.get().annexDir()).begin();
        String address = plan.annexUrl(server.address()) + single.get().uuid().value();
        try {
            entry.add(plan.scheme(), address);
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, address + " is served but not recorded in " + ServingRecord.DIRECTORY
                    + ": " + e.getMessage());
        }
        return entry;
    }
}
