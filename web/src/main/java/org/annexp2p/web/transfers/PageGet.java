package org.annexp2p.web.transfers;

import java.io.IOException;
import org.annexp2p.session.DialedSession;
import org.annexp2p.session.transfer.Download;
import org.annexp2p.transports.FailureWords;

/** A get into the repository, as {@code annex-p2p get --repo} does it: resumed from what an earlier one kept. */
record PageGet(Download download) implements Errand {
    @Override
    public String direction() {
        return "download";
    }

    @Override
    public boolean alreadyDone(PageTransfer transfer) throws IOException {
        if (download.alreadyHere()) {
            transfer.words = "already here";
            transfer.reached(Math.max(0, transfer.size));
            return true;
        }
        transfer.resumedFrom(download.kept());
        return false;
    }

    @Override
    public void run(DialedSession session, PageTransfer transfer) throws IOException {
        download.finished(session.run(download.operation(transfer::reached)));
    }

    @Override
    public String failed(boolean cancelled, Exception e) {
        long kept = download.kept();
        return cancelled ? "cancelled" + (kept > 0 ? "; the " + kept + " bytes received are kept for the next get" : "")
                : FailureWords.of(e) + download.keptAfterFailure();
    }
}
