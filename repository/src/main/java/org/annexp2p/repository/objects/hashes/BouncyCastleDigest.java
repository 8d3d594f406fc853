package org.annexp2p.repository.objects.hashes;

import java.security.MessageDigest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.digests.SkeinDigest;

/**
 * A Bouncy Castle digest behind the JDK's {@link MessageDigest} face, so that every hash runs through the same
 * streaming code (the transfer's incremental hash, the hash beside the I/O). Only the hashes the JDK lacks come
 * here; nothing loads Bouncy Castle until a key of theirs arrives.
 */
final class BouncyCastleDigest extends MessageDigest {
    private final Digest digest;

    private BouncyCastleDigest(Digest digest) {
        super(digest.getAlgorithmName());
        this.digest = digest;
    }

    static MessageDigest skein(int bits) {
        return new BouncyCastleDigest(new SkeinDigest(bits, bits));
    }

    static MessageDigest blake2b(int bits) {
        return new BouncyCastleDigest(new Blake2bDigest(bits));
    }

    static MessageDigest blake2s(int bits) {
        return new BouncyCastleDigest(new Blake2sDigest(bits));
    }

    @Override
    protected int engineGetDigestLength() {
        return digest.getDigestSize();
    }

    @Override
    protected void engineUpdate(byte input) {
        digest.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        digest.update(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0); // and resets, as engineDigest must
        return out;
    }

    @Override
    protected void engineReset() {
        digest.reset();
    }
}
