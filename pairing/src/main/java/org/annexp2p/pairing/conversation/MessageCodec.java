package org.annexp2p.pairing.conversation;

import java.util.Arrays;
import java.util.HexFormat;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.wire.WireFormatException;
import org.annexp2p.pairing.wire.WireReader;
import org.annexp2p.pairing.wire.WireWriter;

/**
 * Pairing messages on the wire, version 1:
 * {@code "AXPP" | version u8 | stage u8 | session(16) | body | HMAC-SHA256(32)}, where a Request or
 * Acknowledge body is {@code host name, user, path, uuid, public key, addresses, contribution(32)} and a Done
 * body is the echoed contribution.
 *
 * <p>The MAC (conversation key derived from the shared secret) covers every byte, so it covers the public
 * key and the addresses: a peer that produces a valid MAC knows the secret. Decoding never throws.
 */
final class MessageCodec {

    public static final int VERSION = 1;
    /** One unfragmented UDP payload on Ethernet (1500 - 20 IPv4 - 8 UDP). */
    public static final int MAX_SIZE = 1472;
    private static final byte[] MAGIC = {'A', 'X', 'P', 'P'};
    private static final int MAC_BYTES = 32;
    private static final int REQUEST = 1;
    private static final int ACKNOWLEDGE = 2;
    private static final int DONE = 3;
    private static final HexFormat HEX = HexFormat.of();

    private final SharedSecret secret;

    public MessageCodec(SharedSecret secret) {
        this.secret = secret;
    }

    /** The outcome of decoding: a message whose MAC checked out, or why not. */
    public sealed interface Decoded {
        record Valid(PairMessage message) implements Decoded {
        }

        record Invalid(Problem problem, String detail) implements Decoded {
        }
    }

    /** Why a datagram is not a pairing message we accept; {@code BAD_MAC} usually means a different secret. */
    public enum Problem { NOT_PAIRING, TOO_LARGE, UNSUPPORTED_VERSION, BAD_MAC, MALFORMED }

    public byte[] encode(PairMessage message) {
        WireWriter w = new WireWriter().raw(MAGIC).u8(VERSION);
        if (message instanceof PairMessage.Request r) {
            w.u8(REQUEST).raw(HEX.parseHex(r.session()));
            data(w, r.data()).raw(HEX.parseHex(r.contribution()));
        } else if (message instanceof PairMessage.Acknowledge a) {
            w.u8(ACKNOWLEDGE).raw(HEX.parseHex(a.session()));
            data(w, a.data()).raw(HEX.parseHex(a.contribution()));
        } else if (message instanceof PairMessage.Done d) {
            w.u8(DONE).raw(HEX.parseHex(d.session())).raw(HEX.parseHex(d.acknowledgerContribution()));
        } else {
            throw new IllegalArgumentException("unknown pairing message " + message);
        }
        byte[] body = w.toByteArray();
        byte[] out = new WireWriter().raw(body).raw(secret.mac(SharedSecret.Purpose.CONVERSATION, body)).toByteArray();
        if (out.length > MAX_SIZE) {
            // PairData's field limits keep every message below this; reaching it is a bug here.
            throw new IllegalStateException("pairing message of " + out.length + " bytes exceeds " + MAX_SIZE);
        }
        return out;
    }

    public Decoded decode(byte[] datagram) {
        if (datagram.length > MAX_SIZE) {
            return new Decoded.Invalid(Problem.TOO_LARGE, datagram.length + " bytes, at most " + MAX_SIZE);
        }
        if (datagram.length < MAGIC.length + 1 || !Arrays.equals(datagram, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return new Decoded.Invalid(Problem.NOT_PAIRING, "no AXPP magic in " + datagram.length + " bytes");
        }
        int version = datagram[MAGIC.length] & 0xFF;
        if (version != VERSION) {
            return new Decoded.Invalid(Problem.UNSUPPORTED_VERSION, "version " + version + ", this build speaks " + VERSION);
        }
        if (datagram.length < MAGIC.length + 2 + MAC_BYTES) {
            return new Decoded.Invalid(Problem.MALFORMED, "only " + datagram.length + " bytes");
        }
        int bodyEnd = datagram.length - MAC_BYTES;
        byte[] body = Arrays.copyOf(datagram, bodyEnd);
        if (!secret.verify(SharedSecret.Purpose.CONVERSATION, Arrays.copyOfRange(datagram, bodyEnd, datagram.length), body)) {
            return new Decoded.Invalid(Problem.BAD_MAC, "MAC does not match: the sender uses a different secret, or the message was forged");
        }
        try {
            return new Decoded.Valid(parse(new WireReader(body, MAGIC.length + 1, body.length)));
        } catch (WireFormatException | IllegalArgumentException e) {
            return new Decoded.Invalid(Problem.MALFORMED, e.getMessage());
        }
    }

    private static WireWriter data(WireWriter w, PairData d) {
        return w.string8(d.hostName()).string8(d.user()).string16(d.repositoryPath()).string8(d.repositoryUuid())
                .bytes16(d.publicKey()).addresses(d.addresses());
    }

    private static PairMessage parse(WireReader r) throws WireFormatException {
        int stage = r.u8("stage");
        String session = HEX.formatHex(r.raw("session", 16));
        PairMessage message = switch (stage) {
            case REQUEST -> new PairMessage.Request(session, readData(r), HEX.formatHex(r.raw("contribution", 32)));
            case ACKNOWLEDGE -> new PairMessage.Acknowledge(session, readData(r), HEX.formatHex(r.raw("contribution", 32)));
            case DONE -> new PairMessage.Done(session, HEX.formatHex(r.raw("contribution", 32)));
            default -> throw new WireFormatException("stage: unknown pairing stage " + stage);
        };
        r.requireEnd("pairing message");
        return message;
    }

    private static PairData readData(WireReader r) throws WireFormatException {
        String host = r.string8("host name", PairData.MAX_HOST_NAME);
        String user = r.string8("user", PairData.MAX_USER);
        String path = r.string16("repository path", PairData.MAX_PATH);
        String uuid = r.string8("repository UUID", PairData.MAX_UUID);
        byte[] key = r.bytes16("public key", PairData.MAX_KEY);
        return new PairData(host, user, path, uuid, key, r.addresses("addresses", PairData.MAX_ADDRESSES));
    }
}
