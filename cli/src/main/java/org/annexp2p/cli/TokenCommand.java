package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.serve.ServeBanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Make a fresh auth token that the repository accepts from peers, and print it.",
            "",
            "The token is added to .git/annex/creds/p2pauth (mode 0600), where git-annex keeps the tokens it accepts "
                + "too. Anyone holding it can read and write this repository through `annex-p2p serve`: give it only to "
                + "people you trust, over a channel you trust.",
            "",
            "On stderr it also prints the tls://HOST:PORT/PIN form clients of `serve --listen` use: the PIN is this "
                + "repository's TLS key (made on first use, kept in .git/annex/creds/tls-identity.pem, mode 0600)."})
final class TokenCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Override
    public Integer call() throws Exception {
        AnnexRepository repository = AnnexRepository.open(repo);
        var token = new TokenGenerator().generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
        repository.creds().addAcceptedToken(token);
        System.out.println(token.reveal());
        System.err.println(ServeBanner.clientHint(repository.creds()));
        return 0;
    }
}
