package org.annexp2p.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.plugin.net.HelperSearch;
import org.annexp2p.web.ListenAddress;
import org.annexp2p.web.RunningUi;
import org.annexp2p.web.UiSettings;
import org.annexp2p.session.serve.StopRequest;
import org.annexp2p.web.WebUi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ui", resourceBundle = "org.annexp2p.cli.help.UiCommand", mixinStandardHelpOptions = true)
final class UiCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".")
    Path repo;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0")
    String listen;

    @Option(names = "--no-browser")
    boolean noBrowser;

    @Override
    public Integer call() throws Exception {
        ListenAddress where;
        try {
            where = ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
        AnnexRepository.open(repo);
        if (!where.loopback()) {
            System.err.println("annex-p2p: warning: the page listens on " + listen + ", off loopback: anyone who can "
                    + "reach it and learns its token can control this repository");
        }
        StopRequest stop = new StopRequest();
        try (RunningUi ui = WebUi.start(UiSettings.loopback(repo).listening(where.host(), where.port()))) {
            System.out.println(ui.url());
            System.out.flush();
            stop.takeSignals();
            System.err.println("annex-p2p: serving the page for " + repo.toAbsolutePath().normalize() + "; Ctrl-C stops it");
            if (!noBrowser) {
                openBrowser(ui);
            }
            stop.await();
        } finally {
            stop.stopped("serving the page");
        }
        return 0;
    }

    /** A one-time token on xdg-open's command line, where other users may see it: spent, it grants nothing. */
    private static void openBrowser(RunningUi ui) {
        Path opener = HelperSearch.fromEnvironment().find("xdg-open").orElse(null);
        if (opener == null) {
            System.err.println("annex-p2p: no xdg-open here: open the address above in a browser yourself");
            return;
        }
        try {
            new ProcessBuilder(opener.toString(), ui.launchUrl().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("annex-p2p: could not start xdg-open (" + e.getMessage() + "): open the address above yourself");
        }
    }
}
