package org.annexp2p.session.transfer;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.LooseFiles;
import org.annexp2p.repository.Repository;

/**
 * A put of {@code key}: its content comes from {@code source}, and {@code own}'s location log (if it keeps one)
 * learns that the peer has it once the peer has stored it.
 */
public record Upload(Repository source, Repository own, Key key) {
    /** What a put stopped by the user says: the peer keeps the part it received, and the next put resumes there. */
    public static final String AFTER_INTERRUPT = "the peer keeps what it received: run the same put again to resume";

    /** From {@code infile} when given (the repository lending only its identity), else from {@code own}'s store. */
    public static Upload of(Repository own, Key key, Optional<Path> infile) throws IOException {
        Repository source = infile.<Repository>map(f -> (own instanceof LooseFiles loose ? loose
                : new LooseFiles(own.uuid())).withSource(key, f)).orElse(own);
        if (source.contentSize(key).isEmpty()) {
            throw new IOException("no content for " + key + " here to send");
        }
        return new Upload(source, own, key);
    }

    /** The conversation that sends it, telling {@code meter} how far it got. */
    public Program<Either<String, Boolean>> operation(Meter meter) {
        return Client.put(key, AssociatedFile.NONE, meter);
    }

    /** The put ended ({@code ok}: {@code peer} stored it): as `git annex copy --to` does, the log says the peer has it. */
    public void finished(boolean ok, Uuid peer) throws IOException {
        if (!ok) {
            throw new IOException("the peer did not store " + key + " (it did not verify, or the peer could not keep it)");
        }
        own.recordPresence(key, peer, true);
    }
}
