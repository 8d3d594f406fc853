package org.annexp2p.repository.creds;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.protocol.wire.AuthToken;

/** This repository's addresses to give to a peer, as {@code git annex p2p --gen-addresses} makes them. */
public final class SharedAddresses {
    /** A generic network's addresses take tokens accepted on that address only, as git-annex stores them. */
    private static final String NETWORK_SCHEME = "p2p-annex::";

    private SharedAddresses() {}

    /**
     * Each of the repository's own addresses with a fresh token appended ({@code tor-annex::ONION:PORT:TOKEN},
     * {@code p2p-annex::NETNAME:ADDRESS:TOKEN}), every token accepted from now on (a network's on its address only);
     * empty when the repository has no address yet.
     */
    public static List<String> withFreshTokens(CredsDir creds, TokenGenerator tokens) throws IOException {
        List<String> shared = new ArrayList<>();
        for (String address : creds.ownAddresses()) {
            AuthToken token = tokens.generate(TokenGenerator.ADDRESS_TOKEN_LENGTH);
            if (address.startsWith(NETWORK_SCHEME)) {
                AddressTokens.accept(creds, token, address);
            } else {
                creds.addAcceptedToken(token);
            }
            shared.add(address + ":" + token.reveal());
        }
        return List.copyOf(shared);
    }
}
