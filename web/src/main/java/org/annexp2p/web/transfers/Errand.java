package org.annexp2p.web.transfers;

import java.io.IOException;
import org.annexp2p.session.DialedSession;

/** What a transfer the page started does: the same library calls as its command, in the session the section dialed. */
interface Errand {
    /** "download" or "upload", as git-annex's transfer files name the directions. */
    String direction();

    /** Before dialing: true when nothing needs to move (the content is already where it goes). */
    boolean alreadyDone(PageTransfer transfer) throws IOException;

    void run(DialedSession session, PageTransfer transfer) throws IOException;

    /** What the page says of one that ended early: cancelled by the person, or failed with {@code e}. */
    String failed(boolean cancelled, Exception e);
}
