package org.annexp2p.web.transfers;

import java.io.IOException;
import java.util.Optional;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.session.DialedSession;
import org.annexp2p.session.transfer.Upload;
import org.annexp2p.transports.FailureWords;
import org.annexp2p.web.Refused;

/**
 * A put from the repository's object store, as {@code annex-p2p put --repo} does it: once the peer has stored (and
 * verified) it, the repository's location log says the peer has it.
 */
record PagePut(Upload upload) implements Errand {

    /** Refused at once when the content is not here: there would be nothing to send. */
    static PagePut of(AnnexRepository repository, Key key) throws Refused {
        try {
            return new PagePut(Upload.of(repository, key, Optional.empty()));
        } catch (IOException e) {
            throw new Refused(404, "This repository does not have that key's content to put: get it here first"
                    + " ('git annex whereis FILE' says where it is).");
        }
    }

    @Override
    public String direction() {
        return "upload";
    }

    @Override
    public boolean alreadyDone(PageTransfer transfer) {
        return false;
    }

    @Override
    public void run(DialedSession session, PageTransfer transfer) throws IOException {
        upload.finished(session.run(upload.operation(transfer::reached)), session.peer());
    }

    @Override
    public String failed(boolean cancelled, Exception e) {
        return cancelled ? "cancelled; the peer shows none of it" : FailureWords.of(e);
    }
}
