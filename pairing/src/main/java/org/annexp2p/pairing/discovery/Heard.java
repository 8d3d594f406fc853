package org.annexp2p.pairing.discovery;

import java.net.InetSocketAddress;
import java.util.Objects;

/** An authentic, fresh announcement from another device, with the source address it arrived from. */
public record Heard(InetSocketAddress from, String channel, Announcement announcement) {

    public Heard {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(announcement, "announcement");
    }
}
