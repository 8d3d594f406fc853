package org.annexp2p.web;

import java.net.InetSocketAddress;
import java.net.URI;

/** A started page server. */
public interface RunningUi extends AutoCloseable {

    /** Where it listens. */
    InetSocketAddress address();

    /** The page's address with the access token: what {@code annex-p2p ui} prints. */
    URI url();

    /**
     * The page's address with a fresh one-time launch token instead of the access token, for handing to a browser
     * on a command line (where other users can see it): it works once, within a couple of minutes, and then
     * grants nothing.
     */
    URI launchUrl();

    /** Blocks until {@link #close} is called. */
    void awaitClose() throws InterruptedException;

    /** Stops listening, ends every connection and the sections' background work. */
    @Override
    void close();
}
