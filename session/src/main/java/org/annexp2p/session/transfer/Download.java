package org.annexp2p.session.transfer;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.annexp2p.protocol.conversation.Client;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.program.Destination;
import org.annexp2p.protocol.program.Meter;
import org.annexp2p.protocol.program.Program;
import org.annexp2p.protocol.wire.AssociatedFile;
import org.annexp2p.repository.Repository;

/**
 * A get of {@code destination}'s key for {@code repository}: into a file, or into the repository's object store
 * (recorded in its location log once the content has verified there).
 */
public record Download(Repository repository, Destination destination) {

    /** Into {@code outfile} when given, else into the object store. */
    public static Download of(Repository repository, Key key, Optional<Path> outfile) {
        return new Download(repository, outfile.<Destination>map(f -> new Destination.File(key, f.toString()))
                .orElseGet(() -> new Destination.ObjectStore(key)));
    }

    /**
     * Whether the object store already has the content, in which case that is recorded and nothing is fetched. Only
     * verified content is ever moved into the store, so it is the content; it can be there unlogged when a get was
     * killed between the move and the log write. git-annex's get, too, skips content it has.
     */
    public boolean alreadyHere() throws IOException {
        if (destination instanceof Destination.ObjectStore && repository.hasContent(destination.key())) {
            repository.recordArrival(destination);
            return true;
        }
        return false;
    }

    /** The bytes an earlier, interrupted get kept, from which this one resumes; 0 if none or unreadable. */
    public long kept() {
        try {
            return repository.partialSize(destination).value();
        } catch (IOException e) {
            return 0;
        }
    }

    /** What a failed get adds about what it kept ("" if nothing): {@code get} and the page say it alike. */
    public String keptAfterFailure() {
        long kept = kept();
        return kept > 0 ? "; the " + kept + " bytes received are kept, and get resumes from them" : "";
    }

    /** What a get stopped by the user says of what it kept, for the next one to resume from. */
    public String keptAfterInterrupt() {
        long kept = kept();
        return kept > 0 ? "the " + kept + " bytes received are kept: run the same get again to resume"
                : "nothing was received yet";
    }

    /** The conversation that fetches it, telling {@code meter} how far it got. */
    public Program<Either<String, Boolean>> operation(Meter meter) {
        return Client.get(destination, AssociatedFile.NONE, meter);
    }

    /** The get ended ({@code ok}: the content arrived and verified): records it, or says why not. */
    public void finished(boolean ok) throws IOException {
        if (!ok) {
            throw new IOException("the peer does not have " + destination.key() + ", or its content did not verify");
        }
        repository.recordArrival(destination);
    }
}
