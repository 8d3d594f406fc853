package org.annexp2p.wormhole.spake2;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * A point on the Ed25519 twisted Edwards curve in extended coordinates (X:Y:Z:T).
 *
 * <p>BouncyCastle keeps its Ed25519 point arithmetic private, so SPAKE2 needs its own. BigInteger is
 * slow but the handshake performs only a handful of scalar multiplications, and plain formulas are
 * easy to check against python-spake2's {@code ed25519_basic.py}, whose results we must reproduce
 * bit for bit (including which square root {@link #recoverX} picks).
 */
record EdPoint(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {

    static final BigInteger Q = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(Q)).mod(Q);
    private static final BigInteger D2 = D.shiftLeft(1).mod(Q);
    private static final BigInteger I = BigInteger.TWO.modPow(Q.subtract(BigInteger.ONE).shiftRight(2), Q);
    private static final BigInteger SQRT_EXPONENT = Q.add(BigInteger.valueOf(3)).shiftRight(3);

    static final EdPoint IDENTITY = affine(BigInteger.ZERO, BigInteger.ONE);
    static final EdPoint BASE;

    static {
        BigInteger by = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(Q)).mod(Q);
        BASE = affine(recoverX(by), by);
    }

    static EdPoint affine(BigInteger x, BigInteger y) {
        return new EdPoint(x.mod(Q), y.mod(Q), BigInteger.ONE, x.multiply(y).mod(Q));
    }

    /** The even square root x of the curve equation for this y, as python-spake2's xrecover; may not satisfy the curve. */
    static BigInteger recoverX(BigInteger y) {
        BigInteger yy = y.multiply(y);
        BigInteger xx = yy.subtract(BigInteger.ONE).multiply(D.multiply(yy).add(BigInteger.ONE).modInverse(Q)).mod(Q);
        BigInteger x = xx.modPow(SQRT_EXPONENT, Q);
        if (!x.multiply(x).subtract(xx).mod(Q).equals(BigInteger.ZERO)) {
            x = x.multiply(I).mod(Q);
        }
        if (x.testBit(0)) {
            x = Q.subtract(x);
        }
        return x;
    }

    static boolean onCurve(BigInteger x, BigInteger y) {
        BigInteger xx = x.multiply(x);
        BigInteger yy = y.multiply(y);
        return yy.subtract(xx).subtract(BigInteger.ONE).subtract(D.multiply(xx).multiply(yy)).mod(Q).signum() == 0;
    }

    /** Unified addition (add-2008-hwcd-3); complete on this curve, so it also doubles. */
    EdPoint add(EdPoint o) {
        BigInteger a = y.subtract(x).multiply(o.y.subtract(o.x)).mod(Q);
        BigInteger b = y.add(x).multiply(o.y.add(o.x)).mod(Q);
        BigInteger c = t.multiply(D2).multiply(o.t).mod(Q);
        BigInteger d = z.shiftLeft(1).multiply(o.z).mod(Q);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new EdPoint(e.multiply(f).mod(Q), g.multiply(h).mod(Q), f.multiply(g).mod(Q), e.multiply(h).mod(Q));
    }

    /** Doubling (dbl-2008-hwcd for a = -1): four squarings and four products where {@link #add} takes nine products. */
    EdPoint twice() {
        BigInteger a = x.multiply(x).mod(Q);
        BigInteger b = y.multiply(y).mod(Q);
        BigInteger c = z.multiply(z).shiftLeft(1).mod(Q);
        BigInteger xy = x.add(y);
        BigInteger e = xy.multiply(xy).subtract(a).subtract(b);
        BigInteger g = b.subtract(a);
        BigInteger f = g.subtract(c);
        BigInteger h = a.negate().subtract(b);
        return new EdPoint(e.multiply(f).mod(Q), g.multiply(h).mod(Q), f.multiply(g).mod(Q), e.multiply(h).mod(Q));
    }

    /** This point negated: the same y, the opposite x. */
    EdPoint negate() {
        return new EdPoint(x.negate().mod(Q), y, z, t.negate().mod(Q));
    }

    /**
     * Multiplies by a non-negative scalar without reducing it, so that P·L can test subgroup membership. Four bits at a
     * time from the top: four doublings, then one addition of a multiple 0..15 of this point from a table, the same
     * work whatever the bits (double-and-add took an addition for each set bit, half as many more).
     */
    EdPoint multiply(BigInteger k) {
        if (k.signum() < 0) {
            throw new IllegalArgumentException("negative scalar");
        }
        EdPoint[] multiples = new EdPoint[16];
        multiples[0] = IDENTITY;
        for (int i = 1; i < 16; i++) {
            multiples[i] = multiples[i - 1].add(this);
        }
        EdPoint result = IDENTITY;
        for (int top = (k.bitLength() + 3) / 4 * 4 - 4; top >= 0; top -= 4) {
            result = result.twice().twice().twice().twice();
            int nibble = (k.testBit(top + 3) ? 8 : 0) | (k.testBit(top + 2) ? 4 : 0) | (k.testBit(top + 1) ? 2 : 0)
                    | (k.testBit(top) ? 1 : 0);
            result = result.add(multiples[nibble]);
        }
        return result;
    }

    boolean isIdentity() {
        return x.mod(Q).signum() == 0 && y.subtract(z).mod(Q).signum() == 0;
    }

    byte[] encode() {
        BigInteger zi = z.modInverse(Q);
        BigInteger ax = x.multiply(zi).mod(Q);
        BigInteger ay = y.multiply(zi).mod(Q);
        byte[] out = littleEndian32(ay);
        if (ax.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** Decodes like python-spake2's decodepoint: empty when the bytes name no curve point. */
    static Optional<EdPoint> decode(byte[] encoded) {
        if (encoded.length != 32) {
            return Optional.empty();
        }
        byte[] le = encoded.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        BigInteger y = fromLittleEndian(le);
        BigInteger x = recoverX(y);
        if (x.testBit(0) != xOdd) {
            x = Q.subtract(x);
        }
        if (!onCurve(x, y)) {
            return Optional.empty();
        }
        return Optional.of(affine(x, y));
    }

    static byte[] littleEndian32(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    static BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    boolean sameAs(EdPoint o) {
        return Arrays.equals(encode(), o.encode());
    }
}
