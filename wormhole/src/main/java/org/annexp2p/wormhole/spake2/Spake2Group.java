package org.annexp2p.wormhole.spake2;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.annexp2p.wormhole.crypto.Hkdf;

/** The Ed25519 group operations of python-spake2 0.8 that feed the protocol: hashing to scalars and elements. */
final class Spake2Group {

    private Spake2Group() {
    }

    /** HKDF-SHA256 with an empty salt; 48 output bytes keep the bias of the later reduction negligible. */
    static byte[] expand48(byte[] ikm, String info) {
        return Hkdf.derive(ikm, info.getBytes(StandardCharsets.US_ASCII), 48);
    }

    static BigInteger passwordToScalar(byte[] password) {
        return new BigInteger(1, expand48(password, "SPAKE2 pw")).mod(EdPoint.L);
    }

    /** A point of unknown discrete log derived from a seed: the first y (from the hash upward) giving a usable point. */
    static EdPoint arbitraryElement(byte[] seed) {
        BigInteger y = new BigInteger(1, expand48(seed, "SPAKE2 arbitrary element")).mod(EdPoint.Q);
        for (int plus = 0; ; plus++) {
            BigInteger candidateY = y.add(BigInteger.valueOf(plus));
            BigInteger x = EdPoint.recoverX(candidateY);
            if (!EdPoint.onCurve(x, candidateY)) {
                continue;
            }
            EdPoint cleared = EdPoint.affine(x, candidateY).multiply(BigInteger.valueOf(8));
            if (!cleared.isIdentity()) {
                return cleared;
            }
        }
    }

    /** The scalar python-spake2 draws from 64 entropy bytes read big-endian. */
    static BigInteger randomScalar(byte[] entropy64) {
        return new BigInteger(1, entropy64).mod(EdPoint.L);
    }

    static byte[] scalarToBytes(BigInteger s) {
        return EdPoint.littleEndian32(s);
    }
}
