package org.annexp2p.web.peers;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.annexp2p.pairing.lan.LanPeer;
import org.annexp2p.pairing.lan.LanPeers;
import org.annexp2p.repository.AnnexRepository;
import org.annexp2p.web.reach.Reach;

/**
 * The peers a repository knows: its git remotes (with their URLs, as git-annex and {@code p2p --link} record them)
 * and the peers paired on the LAN ({@code lan-peers}, one {@code lan://} address per place last seen). Read anew
 * on every request: another process may have paired or linked meanwhile.
 */
public final class PeerList {
    /** {@code source}: "git remote" or "LAN pairing"; {@code dialable}: whether a plugin knows the address. */
    public record Known(String name, String address, String kind, String source, boolean dialable) {
    }

    private PeerList() {
    }

    public static List<Known> of(AnnexRepository repository) throws IOException {
        List<Known> peers = new ArrayList<>();
        for (Map.Entry<String, String> remote : repository.remotes().urls().entrySet()) {
            String kind = Reach.kind(remote.getValue());
            peers.add(new Known(remote.getKey(), remote.getValue(), kind, "git remote", !kind.equals("git")));
        }
        for (LanPeer peer : LanPeers.read(repository.creds())) {
            for (InetSocketAddress at : peer.addresses()) {
                String host = at.getAddress() instanceof Inet6Address ? "[" + at.getAddress().getHostAddress() + "]"
                        : at.getAddress().getHostAddress();
                peers.add(new Known(peer.uuid(), "lan://" + host + ":" + at.getPort(), "LAN", "LAN pairing", true));
            }
        }
        return peers;
    }
}
