package org.annexp2p.pairing.doctor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.shell.resident.SocketDirectory;
import org.annexp2p.transports.FailureWords;

/**
 * Every check of {@code annex-p2p doctor}, in the order it reports them: the LAN ones, tor, the onion address,
 * the wormhole server, git-annex, the resident shell server and the creds files. Each runs whatever the others found; a check that cannot run
 * is a failure with its reason, never an exception.
 */
public final class Doctor {

    public static final String DEFAULT_TOR_CONTROL = "127.0.0.1:9051";

    /**
     * What to check.
     *
     * @param lan where the LAN checks run
     * @param torControl a running tor's control address; empty for $ANNEX_P2P_TOR_CONTROL, else {@link #DEFAULT_TOR_CONTROL}
     * @param relayUrl the wormhole server to contact; empty or blank for none
     * @param repository the repository to check; empty for the current directory, if it is one
     * @param environment the process environment (for the tor control address and where a shell server listens)
     */
    public record Options(LanCheckOptions lan, Optional<String> torControl, Optional<String> relayUrl,
            Optional<Path> repository, Map<String, String> environment) {
    }

    private interface Body {
        Check run() throws Exception;
    }

    /** What to do when a check could not run at all. */
    static final String AGAIN = "run the diagnostics again; if this check fails the same way, report it with this line";

    private Doctor() {
    }

    /** Runs every check, telling each result to {@code each} as it comes; all of them, in order. */
    public static List<Check> run(Options options, Consumer<Check> each) {
        List<Check> checks = new ArrayList<>();
        Consumer<Check> record = c -> {
            checks.add(c);
            each.accept(c);
        };
        lanChecks(options.lan()).forEach(record);
        record.accept(guard("tor present", HostChecks::torPresent));
        record.accept(guard("tor bootstrapped", () -> HostChecks.torBootstrapped(options.torControl(), options.environment())));
        Optional<Path> given = options.repository();
        Optional<AnnexRepository> repository = Optional.empty();
        String noRepository = "";
        try {
            repository = Optional.of(AnnexRepository.open(given.orElse(Path.of("."))));
        } catch (IOException | RuntimeException e) {
            noRepository = (given.isEmpty() ? "no repository here" : "cannot open " + given.get()) + ": " + FailureWords.of(e);
        }
        record.accept(withRepository("onion published", repository, given.isPresent(), noRepository, HostChecks::onionPublished));
        record.accept(guard("wormhole server", () -> HostChecks.wormholeServer(options.relayUrl())));
        record.accept(guard("git-annex present", HostChecks::gitAnnex));
        record.accept(guard(HostChecks.SHELL_SERVER, () -> HostChecks.shellServer(options.environment(),
                SocketDirectory.realUid(), SocketDirectory.RUN_USER, SocketDirectory.TMP)));
        record.accept(withRepository("creds permissions", repository, given.isPresent(), noRepository,
                r -> HostChecks.credsPermissions(r.creds())));
        return checks;
    }

    private interface RepositoryCheck {
        Check run(AnnexRepository repository) throws Exception;
    }

    /** Without a repository, a check is skipped when none was named, and failed when the named one did not open. */
    private static Check withRepository(String name, Optional<AnnexRepository> repository, boolean named, String noRepository,
            RepositoryCheck check) {
        if (repository.isPresent()) {
            return guard(name, () -> check.run(repository.get()));
        }
        return named ? Check.fail(name, noRepository, "name a git-annex repository (`git annex init` makes one)")
                : Check.skip(name, noRepository);
    }

    private static List<Check> lanChecks(LanCheckOptions options) {
        try {
            return LanChecks.run(options);
        } catch (RuntimeException e) {
            return List.of(Check.fail("lan checks", "could not set up the LAN checks: " + FailureWords.of(e), AGAIN));
        }
    }

    private static Check guard(String name, Body body) {
        try {
            return body.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(name, "interrupted", "run the diagnostics again");
        } catch (Exception e) {
            return Check.fail(name, "the check itself failed: " + FailureWords.of(e), AGAIN);
        }
    }
}
