package org.annexp2p.wormhole.spake2;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Symmetric SPAKE2 over Ed25519 exactly as python-spake2 0.8's {@code SPAKE2_Symmetric}, which
 * Magic Wormhole uses with the whole code as password and the appid as identity.
 *
 * <p>One instance performs one exchange: {@link #outboundMessage()} goes to the peer, and
 * {@link #finish(byte[])} turns the peer's message into the shared 32-byte key.
 */
public final class Spake2Symmetric {

    private static final byte SIDE_SYMMETRIC = 'S';
    private static final EdPoint S = Spake2Group.arbitraryElement("symmetric".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private final byte[] password;
    private final byte[] identity;
    private final BigInteger pwScalar;
    private final BigInteger secret;
    private final byte[] outboundElement;
    /** S·pw: added to our element to blind it, taken from the peer's to unblind theirs. */
    private final EdPoint blind;
    private boolean finished;

    private Spake2Symmetric(byte[] password, byte[] identity, IntFunction<byte[]> entropy) {
        this.password = password.clone();
        this.identity = identity.clone();
        this.pwScalar = Spake2Group.passwordToScalar(password);
        this.secret = Spake2Group.randomScalar(entropy.apply(64));
        this.blind = S.multiply(pwScalar);
        this.outboundElement = EdPoint.BASE.multiply(secret).add(blind).encode();
    }

    /** Starts an exchange with fresh randomness. */
    public static Spake2Symmetric start(byte[] password, byte[] identity) {
        SecureRandom random = new SecureRandom();
        return start(password, identity, n -> {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        });
    }

    /** Starts an exchange drawing its secret scalar from {@code entropy}; deterministic sources are for tests only. */
    public static Spake2Symmetric start(byte[] password, byte[] identity, IntFunction<byte[]> entropy) {
        return new Spake2Symmetric(password, identity, entropy);
    }

    /** The 33-byte message for the peer: the side byte 'S' followed by the encoded element. */
    public byte[] outboundMessage() {
        byte[] msg = new byte[33];
        msg[0] = SIDE_SYMMETRIC;
        System.arraycopy(outboundElement, 0, msg, 1, 32);
        return msg;
    }

    /** Computes the shared key from the peer's message; a wrong password shows up later, not here. */
    public byte[] finish(byte[] inbound) throws Spake2Exception {
        if (finished) {
            throw new IllegalStateException("SPAKE2 exchange already finished");
        }
        if (inbound.length != 33) {
            throw new Spake2Exception(Spake2Exception.Reason.WRONG_LENGTH,
                    "SPAKE2 message must be 33 bytes, got " + inbound.length);
        }
        if (inbound[0] != SIDE_SYMMETRIC) {
            throw new Spake2Exception(Spake2Exception.Reason.WRONG_SIDE,
                    "SPAKE2 message is not from a symmetric peer (side byte 0x" + Integer.toHexString(inbound[0] & 0xff) + ")");
        }
        byte[] element = Arrays.copyOfRange(inbound, 1, 33);
        EdPoint peer = validElement(element).orElseThrow(() -> new Spake2Exception(
                Spake2Exception.Reason.INVALID_ELEMENT, "SPAKE2 message is not a valid group element"));
        if (MessageDigest.isEqual(element, outboundElement)) {
            throw new Spake2Exception(Spake2Exception.Reason.REFLECTION, "SPAKE2 message is our own, reflected back");
        }
        EdPoint unblinded = peer.add(blind.negate());
        byte[] k = unblinded.multiply(secret).encode();
        finished = true;
        return transcriptHash(identity, element, outboundElement, k, password);
    }

    private static Optional<EdPoint> validElement(byte[] element) {
        return EdPoint.decode(element)
                .filter(p -> !p.isIdentity())
                .filter(p -> p.multiply(EdPoint.L).isIdentity());
    }

    /** The key is bound to both messages in sorted order, so the two symmetric sides agree on it. */
    static byte[] transcriptHash(byte[] identity, byte[] msgA, byte[] msgB, byte[] kBytes, byte[] password) {
        byte[] first = Arrays.compareUnsigned(msgA, msgB) <= 0 ? msgA : msgB;
        byte[] second = first == msgA ? msgB : msgA;
        MessageDigest sha = sha256();
        sha.update(sha256().digest(password));
        sha.update(sha256().digest(identity));
        sha.update(first);
        sha.update(second);
        sha.update(kBytes);
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
