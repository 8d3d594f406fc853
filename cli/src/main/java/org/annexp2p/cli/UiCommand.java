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

@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Serve a local web page to watch and set up this repository point-and-click: status, Tor, "
                + "pairing, peers, transfers and diagnostics.",
            "",
            "Prints the page's address with its access token as its first line, and opens it in the desktop's "
                + "browser (with a one-time token) unless --no-browser. Ctrl-C stops it."},
        footerHeading = "%nExamples:%n",
        footer = {"  annex-p2p ui --repo ~/annex", "  annex-p2p ui --repo ~/annex --no-browser --listen 127.0.0.1:8080"})
final class UiCommand implements Callable<Integer> {

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "The repository (default: .).")
    Path repo;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
            description = "Where the page listens (default: 127.0.0.1 and a free port). Off loopback, anyone who "
                + "can reach it and has the token controls this repository: a warning is printed.")
    String listen;

    @Option(names = "--no-browser", description = "Only print the address; do not open a browser.")
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
