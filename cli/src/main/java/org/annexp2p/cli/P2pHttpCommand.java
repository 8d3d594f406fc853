package org.annexp2p.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.annexp2p.http.server.P2pHttpServer;
import org.annexp2p.http.server.RepositoryChoice;
import org.annexp2p.http.server.ServerSettings;
import org.annexp2p.session.serve.StopRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "p2phttp", resourceBundle = "org.annexp2p.cli.help.P2pHttpCommand", mixinStandardHelpOptions = true)
final class P2pHttpCommand implements Callable<Integer> {
    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
    Path repo;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + P2pHttpServer.Settings.DEFAULT_PORT)
    int port;

    @Option(names = "--bind", paramLabel = "ADDR")
    String bind;

    @Option(names = "--socket", paramLabel = "PATH")
    Path socket;

    @Option(names = "--directory", paramLabel = "DIR")
    List<Path> directories = List.of();

    @Option(names = "--certfile", paramLabel = "FILE")
    Path certFile;

    @Option(names = "--privatekeyfile", paramLabel = "FILE")
    Path privateKeyFile;

    @Option(names = "--chainfile", paramLabel = "FILE")
    Path chainFile;

    @Option(names = "--authenv")
    boolean authEnv;

    @Option(names = "--authenv-http")
    boolean authEnvHttp;

    @Option(names = "--unauth-readonly")
    boolean unauthReadOnly;

    @Option(names = "--unauth-appendonly")
    boolean unauthAppendOnly;

    @Option(names = "--unauth-nolocking")
    boolean unauthNoLocking;

    @Option(names = "--wideopen")
    boolean wideOpen;

    @Option(names = {"-J", "--jobs"}, paramLabel = "N")
    String jobs;

    @Option(names = "--proxyconnections", paramLabel = "N")
    Integer proxyConnections;

    @Option(names = "--clusterjobs", paramLabel = "N")
    Integer clusterJobs;

    @Option(names = "--lockedfiles", paramLabel = "N", defaultValue = "100")
    int lockedFiles;

    @Override
    public Integer call() throws Exception {
        ServerSettings.Plan plan;
        try {
            plan = new ServerSettings(given(bind), port, given(socket), new ServerSettings.HttpsIdentityFiles(
                    given(certFile), given(privateKeyFile), given(chainFile)), new ServerSettings.Access(authEnv,
                    authEnvHttp, unauthReadOnly, unauthAppendOnly, unauthNoLocking, wideOpen), lockedFiles).plan(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        plan.notices().forEach(notice -> System.err.println("annex-p2p: " + notice));
        StopRequest stop = new StopRequest();
        RepositoryChoice choice = RepositoryChoice.open(repo, directories);
        try (P2pHttpServer server = P2pHttpServer.start(plan.server(), choice.served());
                AutoCloseable recorded = choice.record(plan, server)) {
            stop.takeSignals();
            System.err.println("serving " + choice.description() + " on " + plan.location(server.listening()));
            stop.await();
        } finally {
            stop.stopped("serving over " + plan.scheme().toUpperCase(java.util.Locale.ROOT));
        }
        return 0;
    }

    private static <T> io.vavr.control.Option<T> given(T value) {
        return io.vavr.control.Option.of(value);
    }
}
