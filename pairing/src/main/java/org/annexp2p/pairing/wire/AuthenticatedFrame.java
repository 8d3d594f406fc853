package org.annexp2p.pairing.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.annexp2p.pairing.secret.SharedSecret;

/**
 * The frame every pairing datagram shares: {@code magic(4) | version u8 | kind u8 | fields... | HMAC-SHA256(32)},
 * the MAC keyed for one {@link SharedSecret.Purpose} and covering every byte before it.
 *
 * <p>{@link #open} runs the checks in the order that keeps forged or foreign datagrams cheap: size, magic,
 * version, length, then the MAC (constant-time, in {@link SharedSecret#verify}); no field is read before the MAC
 * has checked out. One frame per datagram kind, so each kind keeps its own magic, size limit and MAC key.
 */
public final class AuthenticatedFrame {

    public static final int MAC_BYTES = 32;

    private final byte[] magic;
    private final int version;
    private final int maxSize;
    private final SharedSecret.Purpose purpose;

    public AuthenticatedFrame(byte[] magic, int version, int maxSize, SharedSecret.Purpose purpose) {
        this.magic = magic.clone();
        this.version = version;
        this.maxSize = maxSize;
        this.purpose = purpose;
    }

    /** Why {@link #open} refused a datagram. */
    public enum Rejection { TOO_LARGE, FOREIGN, UNSUPPORTED_VERSION, TOO_SHORT, BAD_MAC }

    /** What {@link #open} found: the authenticated fields, or why not. */
    public sealed interface Opened {
        /** The fields after magic and version (the kind byte first), handed out only once the MAC checked out. */
        record Authentic(WireReader fields) implements Opened {
        }

        record Refused(Rejection rejection, String detail) implements Opened {
        }
    }

    /** Prefixes magic and version; the caller writes the fields and hands the writer to {@link #seal}. */
    public WireWriter start() {
        return new WireWriter().raw(magic).u8(version);
    }

    public byte[] seal(SharedSecret secret, WireWriter fields) {
        byte[] body = fields.toByteArray();
        return new WireWriter().raw(body).raw(secret.mac(purpose, body)).toByteArray();
    }

    public Opened open(SharedSecret secret, byte[] datagram) {
        if (datagram.length > maxSize) {
            return new Opened.Refused(Rejection.TOO_LARGE, datagram.length + " bytes, at most " + maxSize);
        }
        if (datagram.length < magic.length + 1 || !Arrays.equals(datagram, 0, magic.length, magic, 0, magic.length)) {
            String name = new String(magic, StandardCharsets.US_ASCII);
            return new Opened.Refused(Rejection.FOREIGN, "no " + name + " magic in " + datagram.length + " bytes");
        }
        int found = datagram[magic.length] & 0xFF;
        if (found != version) {
            return new Opened.Refused(Rejection.UNSUPPORTED_VERSION, "version " + found + ", this build speaks " + version);
        }
        if (datagram.length < magic.length + 2 + MAC_BYTES) {
            return new Opened.Refused(Rejection.TOO_SHORT, "only " + datagram.length + " bytes");
        }
        int bodyEnd = datagram.length - MAC_BYTES;
        byte[] body = Arrays.copyOf(datagram, bodyEnd);
        if (!secret.verify(purpose, Arrays.copyOfRange(datagram, bodyEnd, datagram.length), body)) {
            return new Opened.Refused(Rejection.BAD_MAC, datagram.length + " bytes");
        }
        return new Opened.Authentic(new WireReader(body, magic.length + 1, body.length));
    }
}
