package org.annexp2p.cli.lan;

import org.annexp2p.session.lan.LanMeeting;
import picocli.CommandLine.Option;

/** The options of {@code pair --lan} that choose how the two devices meet, and the {@link LanMeeting.Way} they make. */
final class LanWayOptions {
    /** The three ways that exclude each other; an argument group, which picocli does not take from a mixin. */
    static final class How {
        @Option(names = "--secret", paramLabel = "PHRASE", description = "The phrase typed on both devices (any text).")
        String secret;

        @Option(names = "--qr", description = "Show a QR code (and its text) for the other device's --payload or --find; also announce this device for --find.")
        boolean qr;

        @Option(names = "--payload", paramLabel = "TEXT", description = "The text of the other device's QR code.")
        String payload;
    }

    @Option(names = "--find", description = {"Discovery first: list the devices running --qr here, then confirm the one "
            + "you mean with the text under its QR code (typed when asked, or given with --payload)."})
    boolean find;

    @Option(names = "--address", paramLabel = "IP:PORT",
            description = "With --secret, when discovery cannot work here: send the request straight to the other "
                + "device, which runs with --respond and shows its address and --port.")
    String address;

    @Option(names = "--respond", description = "With --secret: skip discovery and wait for a device using --address.")
    boolean respond;

    /** The way given; a combination that cannot work is an {@link IllegalArgumentException} in the options' words. */
    LanMeeting.Way way(How how) {
        return how == null ? new LanMeeting.Way(null, false, null, find, address, respond)
                : new LanMeeting.Way(how.secret, how.qr, how.payload, find, address, respond);
    }
}
