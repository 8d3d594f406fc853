package org.annexp2p.pairing.conversation;

import java.util.HexFormat;
import org.annexp2p.pairing.secret.SharedSecret;
import org.annexp2p.pairing.wire.AuthenticatedFrame;
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
    private static final int REQUEST = 1;
    private static final int ACKNOWLEDGE = 2;
    private static final int DONE = 3;
    private static final HexFormat HEX = HexFormat.of();

    private static final AuthenticatedFrame FRAME = new AuthenticatedFrame(MAGIC, VERSION, MAX_SIZE, SharedSecret.Purpose.CONVERSATION);

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
        WireWriter w = FRAME.start();
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
        byte[] out = FRAME.seal(secret, w);
        if (out.length > MAX_SIZE) {
            // PairData's field limits keep every message below this; reaching it is a bug here.
            throw new IllegalStateException("pairing message of " + out.length + " bytes exceeds " + MAX_SIZE);
        }
        return out;
    }

    public Decoded decode(byte[] datagram) {
        AuthenticatedFrame.Opened opened = FRAME.open(secret, datagram);
        if (opened instanceof AuthenticatedFrame.Opened.Refused refused) {
            return invalid(refused);
        }
        try {
            return new Decoded.Valid(parse(((AuthenticatedFrame.Opened.Authentic) opened).fields()));
        } catch (WireFormatException | IllegalArgumentException e) {
            return new Decoded.Invalid(Problem.MALFORMED, e.getMessage());
        }
    }

    private static Decoded.Invalid invalid(AuthenticatedFrame.Opened.Refused refused) {
        return switch (refused.rejection()) {
            case TOO_LARGE -> new Decoded.Invalid(Problem.TOO_LARGE, refused.detail());
            case FOREIGN -> new Decoded.Invalid(Problem.NOT_PAIRING, refused.detail());
            case UNSUPPORTED_VERSION -> new Decoded.Invalid(Problem.UNSUPPORTED_VERSION, refused.detail());
            case TOO_SHORT -> new Decoded.Invalid(Problem.MALFORMED, refused.detail());
            // Said in full here because a user pairing with a mistyped secret sees this line.
            case BAD_MAC -> new Decoded.Invalid(Problem.BAD_MAC,
                    "MAC does not match: the sender uses a different secret, or the message was forged");
        };
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
