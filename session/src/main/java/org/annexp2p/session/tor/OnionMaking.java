package org.annexp2p.session.tor;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;

/**
 * What {@code enable-tor} does by default: give the repository its onion address without tor. The key is made here
 * (or the existing one kept), and {@code tor-annex::ONION:PORT} is recorded in {@code p2paddrs} as git-annex does.
 * Publishing it and checking that it is reachable is left to {@code serve --tor}, which checks the onion that stays
 * up; {@link OnionPublishing} still does both at once for {@code enable-tor --check} and the web page.
 */
public final class OnionMaking {
    private OnionMaking() {
    }

    /**
     * The repository's address, made now or kept from before, and recorded. Empty when a key is there without its
     * address (left by an earlier version): only publishing it through tor tells that address.
     */
    public static Optional<String> make(AnnexRepository repository, RepositoryOnion onion) throws IOException {
        Optional<TorAnnexAddress> address = onion.make(new SecureRandom());
        if (address.isPresent()) {
            repository.creds().addOwnAddress(address.get().format());
        }
        return address.map(TorAnnexAddress::format);
    }
}
