package org.annexp2p.cli;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.session.transfer.Download;
import org.annexp2p.session.DialedSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", resourceBundle = "org.annexp2p.cli.help.GetCommand", mixinStandardHelpOptions = true)
final class GetCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer;

    // Here, not in the mixin: picocli lists an @ArgGroup inside a @Mixin's options twice.
    @ArgGroup(exclusive = true, multiplicity = "1")
    PeerOptions.Route route;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyArgument.class)
    Key key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUTFILE")
    String outfile;

    @Override
    public Integer call() throws Exception {
        if (outfile == null && peer.repo == null) {
            throw new Main.UsageException("name an OUTFILE, or a --repo to get the content into");
        }
        var repository = ClientSession.repository(peer);
        Download download = Download.of(repository, key, Optional.ofNullable(outfile).map(ClientSession::path));
        if (download.alreadyHere()) {
            System.err.println("get " + abbreviated(key) + ": already here");
            return 0;
        }
        boolean ok;
        ProgressBar bar;
        // Connect first: a bad address is a usage error, reported alone, not under a progress bar.
        try (DialedSession session = ClientSession.open(peer, route, repository)) {
            bar = ProgressBar.onStderr("get " + abbreviated(key), key.size().getOrElse(0L));
            if (download.kept() > 0) {
                bar.resumedFrom(download.kept());
            }
            ProgressBar shown = bar;
            try (InterruptNotice notice = InterruptNotice.during(() -> shown.finish("interrupted"),
                    download::keptAfterInterrupt)) {
                ok = session.run(download.operation(bar));
            } catch (IOException e) {
                bar.finish("failed");
                String kept = download.keptAfterFailure();
                throw kept.isEmpty() ? e : new IOException(Main.oneLine(e) + kept, e);
            } catch (Exception e) {
                bar.finish("failed");
                throw e;
            }
        }
        if (!ok) {
            bar.finish("failed");
        }
        download.finished(ok);
        bar.finish("ok");
        return 0;
    }

    static String abbreviated(Key key) {
        String s = key.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
