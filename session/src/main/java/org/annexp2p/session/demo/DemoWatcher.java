package org.annexp2p.session.demo;

import java.util.List;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;

/** What a {@link Demo} tells its front end as it goes; the front end decides how it looks. */
public interface DemoWatcher {

    /** A line of the demo's narration. */
    void say(String line);

    /** A transfer ({@code what} is "put" or "get") of {@code size} bytes starts, resuming at {@code resumedFrom} if above 0. */
    void started(String what, long size, long resumedFrom);

    /** The position the running transfer has reached. */
    void progress(long position);

    /** The running transfer ended: "ok", "connection cut", "ok, verified". */
    void finished(String outcome);

    /** The server kept {@code bytes} of the upload that was cut. */
    void kept(long bytes);

    /** Where {@code key} is at the end: in each repository, and in the server's location log. */
    void located(Key key, boolean onLaptop, boolean onDesktop, List<Uuid> desktopLog);
}
