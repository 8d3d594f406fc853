package org.annexp2p.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "put", mixinStandardHelpOptions = true,
        description = {"Upload a key's content to a peer.",
            "",
            "The content comes from INFILE, or from the --repo repository's object store. If an earlier put was "
                + "interrupted, the peer asks only for the bytes it lacks (PUT-FROM its offset). The peer verifies the "
                + "content before it becomes visible there."},
        footerHeading = "%nExamples:%n",
        footer = {"  # to a repository on this machine (the client's UUID is made up):",
            "  U=$(cat /proc/sys/kernel/random/uuid)",
            "  annex-p2p put --exec \"git-annex-shell p2pstdio /srv/annex $U\" KEY file.bin"})
final class PutCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer;

    // Here, not in the mixin: picocli lists an @ArgGroup inside a @Mixin's options twice.
    @ArgGroup(exclusive = true, multiplicity = "1")
    PeerOptions.Route route;

    @Parameters(index = "0", paramLabel = "KEY", converter = KeyArgument.class, description = "The key to put.")
    Key key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "INFILE", description = "The content to send.")
    String infile;

    @Override
    public Integer call() throws Exception {
        Repository repository;
        Repository own = null;
        if (infile != null) {
            var path = ClientSession.path(infile);
            if (!Files.isRegularFile(path)) {
                throw new Main.UsageException("no such file: " + infile);
            }
            own = ClientSession.repository(peer);
            // The content comes from INFILE either way; a --repo lends only its identity.
            repository = (own instanceof LooseFiles loose ? loose : new LooseFiles(own.uuid())).withSource(key, path);
        } else if (peer.repo == null) {
            throw new Main.UsageException("name an INFILE, or a --repo to take the content from");
        } else {
            repository = ClientSession.repository(peer);
            own = repository;
        }
        if (repository.contentSize(key).isEmpty()) {
            throw new java.io.IOException("no content for " + key + " here to send");
        }
        boolean ok;
        ProgressBar bar;
        org.annexp2p.protocol.wire.Uuid stored;
        try (ClientSession session = ClientSession.open(peer, route, repository)) {
            bar = ProgressBar.onStderr("put " + GetCommand.abbreviated(key), key.size().getOrElse(0L));
            ProgressBar shown = bar;
            try (InterruptNotice notice = InterruptNotice.during(() -> shown.finish("interrupted"),
                    () -> InterruptNotice.AFTER_PUT)) {
                ok = session.run(Client.put(key, AssociatedFile.NONE, bar));
            } catch (Exception e) {
                bar.finish("failed");
                throw e;
            }
            stored = session.peer();
        }
        bar.finish(ok ? "ok" : "failed");
        if (!ok) {
            throw new java.io.IOException("the peer did not store " + key + " (it did not verify, or the peer could not keep it)");
        }
        // As `git annex copy --to` does: our location log now says the peer has the key.
        if (own instanceof org.annexp2p.repository.AnnexRepository annex) {
            annex.recordPresence(key, stored, true);
        }
        return 0;
    }
}
