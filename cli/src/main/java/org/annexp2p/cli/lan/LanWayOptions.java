package org.annexp2p.cli.lan;

import org.annexp2p.session.lan.LanMeeting;
import picocli.CommandLine.Option;

/**
 * The options of {@code pair --lan} that choose how the two devices meet (their text: help/LanPairCommand.properties),
 * and the {@link LanMeeting.Way} they make.
 */
final class LanWayOptions {
    /** The three ways that exclude each other; an argument group, which picocli does not take from a mixin. */
    static final class How {
        @Option(names = "--secret", paramLabel = "PHRASE")
        String secret;

        @Option(names = "--qr")
        boolean qr;

        @Option(names = "--payload", paramLabel = "TEXT")
        String payload;
    }

    @Option(names = "--find")
    boolean find;

    @Option(names = "--address", paramLabel = "IP:PORT")
    String address;

    @Option(names = "--respond")
    boolean respond;

    /** The way given; a combination that cannot work is an {@link IllegalArgumentException} in the options' words. */
    LanMeeting.Way way(How how) {
        return how == null ? new LanMeeting.Way(null, false, null, find, address, respond)
                : new LanMeeting.Way(how.secret, how.qr, how.payload, find, address, respond);
    }
}
