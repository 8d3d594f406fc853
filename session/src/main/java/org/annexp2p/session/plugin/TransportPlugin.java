package org.annexp2p.session.plugin;

import java.io.IOException;
import org.annexp2p.transports.Listener;

/**
 * One address scheme: how to read its addresses, reach a peer at one, and listen on one. Every way in or out of
 * this tool is one plugin, registered in {@link TransportPlugins}; a command never looks at an address itself.
 *
 * @param <A> the scheme's parsed address
 */
public interface TransportPlugin<A> {

    /** How the scheme's addresses begin, as users write them: {@code tcp://}, {@code tor-annex::}. */
    String scheme();

    /** The address form shown when a user gives an address no plugin claims, e.g. {@code tcp://HOST:PORT}. */
    String form();

    /** Whether {@code address} is written in this scheme; it may still be malformed. */
    default boolean claims(String address) {
        return address.startsWith(scheme());
    }

    /** Reads {@code address}; a malformed one is the user's mistake, said in one line. */
    A parse(String address) throws MalformedAddressException;

    /** Reaches the peer at {@code address}: a connection, and how the peer expects to be greeted. */
    Dialed dial(A address, Dialing dialing) throws IOException;

    /**
     * Accepts peers at {@code bind}, written in the scheme's listening form ({@code HOST:PORT} for {@code tcp://}
     * and {@code tls://}): not a dial address, which may name what only the listener makes (a TLS key's pin, an
     * onion); schemes that only dial out say so.
     */
    default Listener listen(String bind, Listening listening) throws IOException {
        throw new IOException("cannot listen on a " + scheme() + " address");
    }
}
