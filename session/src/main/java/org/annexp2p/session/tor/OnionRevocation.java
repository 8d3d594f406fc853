package org.annexp2p.session.tor;

import java.io.IOException;
import java.util.Optional;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.tor.onion.RepositoryOnion;
import org.annexp2p.tor.onion.TorAnnexAddress;

/**
 * Undoing {@code enable-tor}: the onion's address leaves {@code p2paddrs} (so it is no longer given out) and its key
 * is deleted (so no tor can publish that address again; the next publication makes a new one). A {@code serve --tor}
 * running now keeps the old onion up until it stops. Tokens already given to peers stay accepted: revoke those with
 * {@code p2pauth}.
 */
public final class OnionRevocation {
    private OnionRevocation() {
    }

    /** Revokes {@code onion}; returns the address revoked, or empty when there was none. */
    public static Optional<String> revoke(CredsDir creds, RepositoryOnion onion) throws IOException {
        Optional<TorAnnexAddress> published = onion.published();
        if (published.isEmpty()) {
            onion.forget();
            return Optional.empty();
        }
        String address = published.get().format();
        creds.removeOwnAddress(address);
        onion.forget();
        return Optional.of(address);
    }
}
