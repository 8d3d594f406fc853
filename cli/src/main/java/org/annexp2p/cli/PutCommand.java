package org.annexp2p.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.Optional;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.session.transfer.Upload;
import org.annexp2p.session.DialedSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "put", resourceBundle = "org.annexp2p.cli.help.PutCommand", mixinStandardHelpOptions = true)
final class PutCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer;

    // Here, not in the mixin: picocli lists an @ArgGroup inside a @Mixin's options twice.
    @ArgGroup(exclusive = true, multiplicity = "1")
    PeerOptions.Route route;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyArgument.class)
    Key key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "INFILE")
    String infile;

    @Override
    public Integer call() throws Exception {
        if (infile != null && !Files.isRegularFile(ClientSession.path(infile))) {
            throw new Main.UsageException("no such file: " + infile);
        } else if (infile == null && peer.repo == null) {
            throw new Main.UsageException("name an INFILE, or a --repo to take the content from");
        }
        Upload upload = Upload.of(ClientSession.repository(peer), key, Optional.ofNullable(infile).map(ClientSession::path));
        boolean ok;
        ProgressBar bar;
        Uuid stored;
        try (DialedSession session = ClientSession.open(peer, route, upload.source())) {
            bar = ProgressBar.onStderr("put " + GetCommand.abbreviated(key), key.size().getOrElse(0L));
            ProgressBar shown = bar;
            try (InterruptNotice notice = InterruptNotice.during(() -> shown.finish("interrupted"),
                    () -> Upload.AFTER_INTERRUPT)) {
                ok = session.run(upload.operation(bar));
            } catch (Exception e) {
                bar.finish("failed");
                throw e;
            }
            stored = session.peer();
        }
        bar.finish(ok ? "ok" : "failed");
        upload.finished(ok, stored);
        return 0;
    }
}
