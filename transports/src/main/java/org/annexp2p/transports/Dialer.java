package org.annexp2p.transports;

import java.io.IOException;
import java.time.Duration;

/** The connecting side of a transport. Addresses are in the transport's own textual form. */
@FunctionalInterface
public interface Dialer {

    /** Connects within {@code timeout}, or throws an {@link IOException} that says why not. */
    Connection dial(String address, Duration timeout) throws IOException;
}
