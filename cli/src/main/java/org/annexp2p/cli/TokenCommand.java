package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.repository.creds.TokenGenerator;
import org.annexp2p.session.serve.ServeBanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "token", resourceBundle = "org.annexp2p.cli.help.TokenCommand", mixinStandardHelpOptions = true)
final class TokenCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
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
