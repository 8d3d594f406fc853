package org.annexp2p.pairing.discovery;

import java.util.Arrays;
import org.annexp2p.pairing.secret.SharedSecret;
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
    static final int MAC_BYTES = 32;
    private static final int PRESENCE = 1;
    private static final int WHERE_IS = 2;
    private static final int HERE_IS = 3;

    private final SharedSecret secret;

    public AnnouncementCodec(SharedSecret secret) {
        this.secret = secret;
    }

    public byte[] encode(Announcement announcement) {
        WireWriter w = new WireWriter().raw(MAGIC).u8(VERSION);
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
        byte[] body = w.toByteArray();
        return new WireWriter().raw(body).raw(secret.mac(SharedSecret.Purpose.DISCOVERY, body)).toByteArray();
    }

    /** Authenticates and parses; freshness and replays are the {@link ReplayGuard}'s job. */
    public Verdict decode(byte[] datagram) {
        if (datagram.length > MAX_SIZE) {
            return new Verdict.Refused(Refusal.TOO_LARGE, datagram.length + " bytes, at most " + MAX_SIZE);
        }
        if (datagram.length < MAGIC.length + 1 || !Arrays.equals(datagram, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Verdict.Refused(Refusal.NOT_OURS, "no AXPD magic in " + datagram.length + " bytes");
        }
        int version = datagram[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            return new Verdict.Refused(Refusal.UNSUPPORTED_VERSION, "version " + version + ", this build speaks " + VERSION);
        }
        if (datagram.length < MAGIC.length + 2 + MAC_BYTES) {
            return new Verdict.Refused(Refusal.MALFORMED, "only " + datagram.length + " bytes");
        }
        int bodyEnd = datagram.length - MAC_BYTES;
        byte[] body = Arrays.copyOf(datagram, bodyEnd);
        byte[] mac = Arrays.copyOfRange(datagram, bodyEnd, datagram.length);
        if (!secret.verify(SharedSecret.Purpose.DISCOVERY, mac, body)) {
            return new Verdict.Refused(Refusal.BAD_MAC, datagram.length + " bytes");
        }
        try {
            return new Verdict.Accepted(parse(new WireReader(body, MAGIC.length + 1, body.length)));
        } catch (WireFormatException e) {
            return new Verdict.Refused(Refusal.MALFORMED, e.getMessage());
        } catch (IllegalArgumentException e) {
            // A MACed but invalid value (e.g. port 0) can only come from a buggy peer holding the secret.
            return new Verdict.Refused(Refusal.MALFORMED, e.getMessage());
        }
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
