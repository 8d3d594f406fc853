package org.annexp2p.tor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.annexp2p.tor.TorException.Reason;
import org.annexp2p.tor.control.ControlConnection;
import org.annexp2p.tor.onion.OnionAddress;
import org.annexp2p.tor.onion.OnionKey;
import org.annexp2p.tor.onion.OnionKeyFile;

/**
 * ADD_ONION for one service with its persistent key: reuse the key file's key, or let tor make one and store it
 * (a tor that re-adds a known key returns no key, so the file is the only copy that matters).
 */
final class OnionPublication {

    private OnionPublication() {
    }

    /** Publishes (or re-publishes after a restart) {@code s} on {@code c}. */
    static void add(ControlConnection c, OnionService s) throws TorException {
        OnionKeyFile file = new OnionKeyFile(s.keyFile());
        Optional<OnionKey> key = file.read();
        Instant at = Instant.now();
        ControlConnection.AddedOnion added;
        try {
            added = c.addOnion(key.map(OnionKey::blob).orElse("NEW:" + OnionKey.TYPE),
                    Map.of(s.virtualPort(), s.target().portLineTarget()), List.of());
        } catch (TorException e) {
            if (e.getMessage().contains("collision")) {
                throw new TorException(Reason.COMMAND_REFUSED, "tor already serves the onion of key file " + s.keyFile()
                        + " (another annex-p2p or a detached service); stop that one first");
            }
            throw e;
        }
        OnionAddress address;
        try {
            address = OnionAddress.parse(added.serviceId());
        } catch (IllegalArgumentException e) {
            throw new TorException(Reason.COMMAND_REFUSED, "tor returned an invalid onion service id");
        }
        if (key.isEmpty()) {
            try {
                file.write(new OnionKey(added.privateKey().orElseThrow(() -> new TorException(Reason.COMMAND_REFUSED,
                        "tor created the onion but did not return its key; is this tor too old?"))));
            } catch (TorException | IllegalArgumentException e) {
                c.delOnion(added.serviceId());
                throw e instanceof TorException te ? te
                        : new TorException(Reason.COMMAND_REFUSED, "tor returned an onion key we cannot store: " + e.getMessage());
            }
        }
        s.published(address, at);
    }
}
