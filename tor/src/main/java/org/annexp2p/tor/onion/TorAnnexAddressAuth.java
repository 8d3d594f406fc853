package org.annexp2p.tor.onion;

import java.util.Optional;

/**
 * An address as printed by {@code git annex p2p --gen-addresses}: {@code tor-annex::<onion>:<port>:<token>}.
 * As in git-annex, the token is whatever follows the last ':'; it may be absent when pasting a plain address.
 */
public record TorAnnexAddressAuth(TorAnnexAddress address, Optional<AddressToken> token) {

    public TorAnnexAddressAuth {
        if (address == null || token == null) {
            throw new OnionAddressException("missing address");
        }
    }

    public static TorAnnexAddressAuth parse(String text) {
        String[] parts = TorAnnexAddress.split(text);
        return switch (parts.length) {
            case 2 -> new TorAnnexAddressAuth(TorAnnexAddress.of(parts[0], parts[1], text), Optional.empty());
            case 3 -> new TorAnnexAddressAuth(TorAnnexAddress.of(parts[0], parts[1], text),
                    Optional.of(AddressToken.parse(parts[2])));
            default -> throw new OnionAddressException("tor-annex address " + OnionAddress.abbreviate(text)
                    + " must look like tor-annex::<onion>.onion:<port>[:<token>]");
        };
    }

    /** The full form including the token; treat the result as a secret. */
    public String format() {
        return address.format() + token.map(t -> ":" + t.value()).orElse("");
    }

    @Override
    public String toString() {
        return address.format() + token.map(t -> ":<token>").orElse("");
    }
}
