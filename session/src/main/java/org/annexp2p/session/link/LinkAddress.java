package org.annexp2p.session.link;

import org.annexp2p.http.client.AnnexUrl;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.session.plugin.MalformedAddressException;
import org.annexp2p.session.plugin.net.NetworkAddress;
import org.annexp2p.tor.onion.TorAnnexAddressAuth;

/**
 * An address {@code p2p --gen-addresses} printed, as a peer pastes it into {@code p2p --link}: the address and,
 * after its last colon, the token ({@code tor-annex::ONION:PORT[:TOKEN]}, {@code p2p-annex::NETNAME:ADDRESS:TOKEN}),
 * or a p2phttp server's {@code annex+http(s)://HOST:PORT/git-annex/UUID}, which has none.
 * A network's address may hold colons itself, so there the token is required, as git-annex requires it.
 *
 * @param address the address to dial, without the token
 * @param token the token to present ({@link AuthToken#EMPTY} for a Tor address pasted without one)
 */
public record LinkAddress(String address, AuthToken token) {

    /** Reads a pasted address; a malformed one throws with a one-line reason. */
    public static LinkAddress parse(String pasted) {
        if (AnnexUrl.names(pasted)) {
            // Checked whole by the link; it carries no token (a p2phttp server takes git's credentials instead).
            return new LinkAddress(pasted, AuthToken.EMPTY);
        }
        if (pasted.startsWith(NetworkAddress.SCHEME)) {
            int colon = pasted.lastIndexOf(':');
            String rest = pasted.substring(0, Math.max(colon, 0));
            AuthToken token = AuthToken.parse(pasted.substring(colon + 1)).filter(t -> !t.reveal().isEmpty())
                    .getOrElseThrow(() -> new MalformedAddressException(
                            "a p2p-annex address to link to ends with :TOKEN, as p2p --gen-addresses prints it"));
            if (rest.length() <= NetworkAddress.SCHEME.length()) {
                throw new MalformedAddressException("expected p2p-annex::NETNAME:ADDRESS:TOKEN");
            }
            return new LinkAddress(NetworkAddress.parse(rest).toString(), token);
        }
        TorAnnexAddressAuth tor = TorAnnexAddressAuth.parse(pasted);
        AuthToken token = tor.token().map(t -> AuthToken.parse(t.value()).getOrElse(AuthToken.EMPTY)).orElse(AuthToken.EMPTY);
        return new LinkAddress(tor.address().format(), token);
    }

    @Override
    public String toString() {
        return address + ":<token>";
    }
}
