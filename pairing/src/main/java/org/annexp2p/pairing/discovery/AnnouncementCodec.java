package org.annexp2p.pairing.discovery;

import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.wire.AuthenticatedFrame;
import org.annexp2p.pairing.wire.WireFormatException;
import org.annexp2p.pairing.wire.WireReader;
import org.annexp2p.pairing.wire.WireWriter;

/**
 * Binary announcement format, version 1:
 * {@code "AXPD" | version u8 | type u8 | device uuid(16) | fields... | nonce(16) | timestamp i64 | HMAC-SHA256(32)}.
 *
 * <p>The MAC covers every byte before it and is checked before any field is interpreted, so forged
 * datagrams cost one HMAC and nothing else. Decoding never throws: every bad input becomes a
 * {@link Verdict.Refused}.
 */
public final class AnnouncementCodec {

    public static final int VERSION = 1;
    /** Well under any MTU, so broadcasts are never silently dropped for size (see KDE Connect on macOS). */
    public static final int MAX_SIZE = 1024;
    static final byte[] MAGIC = {'A', 'X', 'P', 'D'};
    static final int MAC_BYTES = AuthenticatedFrame.MAC_BYTES;
    private static final int PRESENCE = 1;
    private static final int WHERE_IS = 2;
    private static final int HERE_IS = 3;

    private static final AuthenticatedFrame FRAME = new AuthenticatedFrame(MAGIC, VERSION, MAX_SIZE, SharedSecret.Purpose.DISCOVERY);

    private final SharedSecret secret;

    public AnnouncementCodec(SharedSecret secret) {
        this.secret = secret;
    }

    public byte[] encode(Announcement announcement) {
        WireWriter w = FRAME.start();
        // Java 17: no pattern switch; the sealed hierarchy keeps this chain exhaustive by review.
        if (announcement instanceof Announcement.Presence p) {
            w.u8(PRESENCE).uuid(p.device().value()).u16(p.listenerPort()).i64(p.notifierId());
        } else if (announcement instanceof Announcement.WhereIs q) {
            w.u8(WHERE_IS).uuid(q.device().value()).uuid(q.repository());
        } else if (announcement instanceof Announcement.HereIs h) {
            w.u8(HERE_IS).uuid(h.device().value()).uuid(h.repository()).u16(h.listenerPort()).i64(h.notifierId());
        } else {
            throw new IllegalArgumentException("unknown announcement " + announcement);
        }
        w.raw(announcement.nonce().bytes()).i64(announcement.timestampMillis());
        return FRAME.seal(secret, w);
    }

    /** Authenticates and parses; freshness and replays are the {@link ReplayGuard}'s job. */
    public Verdict decode(byte[] datagram) {
        AuthenticatedFrame.Opened opened = FRAME.open(secret, datagram);
        if (opened instanceof AuthenticatedFrame.Opened.Refused refused) {
            return new Verdict.Refused(refusal(refused.rejection()), refused.detail());
        }
        try {
            return new Verdict.Accepted(parse(((AuthenticatedFrame.Opened.Authentic) opened).fields()));
        } catch (WireFormatException e) {
            return new Verdict.Refused(Refusal.MALFORMED, e.getMessage());
        } catch (IllegalArgumentException e) {
            // A MACed but invalid value (e.g. port 0) can only come from a buggy peer holding the secret.
            return new Verdict.Refused(Refusal.MALFORMED, e.getMessage());
        }
    }

    private static Refusal refusal(AuthenticatedFrame.Rejection rejection) {
        return switch (rejection) {
            case TOO_LARGE -> Refusal.TOO_LARGE;
            case FOREIGN -> Refusal.NOT_OURS;
            case UNSUPPORTED_VERSION -> Refusal.UNSUPPORTED_VERSION;
            case TOO_SHORT -> Refusal.MALFORMED;
            case BAD_MAC -> Refusal.BAD_MAC;
        };
    }

    private static Announcement parse(WireReader r) throws WireFormatException {
        int type = r.u8("type");
        Announcement result = switch (type) {
            case PRESENCE -> {
                DeviceId device = new DeviceId(r.uuid("device"));
                int port = r.u16("listener port");
                long notifier = r.i64("notifier id");
                yield new Announcement.Presence(device, port, notifier, new Nonce(r.raw("nonce", Announcement.NONCE_BYTES)), r.i64("timestamp"));
            }
            case WHERE_IS -> {
                DeviceId device = new DeviceId(r.uuid("device"));
                yield new Announcement.WhereIs(device, r.uuid("repository"), new Nonce(r.raw("nonce", Announcement.NONCE_BYTES)), r.i64("timestamp"));
            }
            case HERE_IS -> {
                DeviceId device = new DeviceId(r.uuid("device"));
                var repository = r.uuid("repository");
                int port = r.u16("listener port");
                long notifier = r.i64("notifier id");
                yield new Announcement.HereIs(device, repository, port, notifier, new Nonce(r.raw("nonce", Announcement.NONCE_BYTES)), r.i64("timestamp"));
            }
            default -> throw new WireFormatException("type: unknown announcement type " + type);
        };
        r.requireEnd("announcement");
        return result;
    }
}
