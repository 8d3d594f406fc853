package org.annexp2p.pairing.discovery;

import java.time.Clock;
import org.annexp2p.pairing.secret.SharedSecret;

/** Everything a received datagram goes through: size, format, MAC, freshness, replay. */
final class AnnouncementFilter {

    private final AnnouncementCodec codec;
    private final ReplayGuard guard;

    public AnnouncementFilter(AnnouncementCodec codec, ReplayGuard guard) {
        this.codec = codec;
        this.guard = guard;
    }

    public AnnouncementFilter(SharedSecret secret, Clock clock) {
        this(new AnnouncementCodec(secret), new ReplayGuard(clock));
    }

    public Verdict accept(byte[] datagram) {
        Verdict decoded = codec.decode(datagram);
        return decoded instanceof Verdict.Accepted a ? guard.check(a.announcement()) : decoded;
    }
}
