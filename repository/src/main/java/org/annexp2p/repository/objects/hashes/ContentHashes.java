package org.annexp2p.repository.objects.hashes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.annexp2p.protocol.key.HashBackend;

/** A fresh digest for each hash backend, computing exactly what git-annex computes for its keys. */
public final class ContentHashes {
    private ContentHashes() {}

    public static MessageDigest newDigest(HashBackend backend) {
        return switch (backend) {
            case SHA256 -> jdk("SHA-256");
            case SHA512 -> jdk("SHA-512");
            case SHA224 -> jdk("SHA-224");
            case SHA384 -> jdk("SHA-384");
            case SHA3_256 -> jdk("SHA3-256");
            case SHA3_512 -> jdk("SHA3-512");
            case SHA3_224 -> jdk("SHA3-224");
            case SHA3_384 -> jdk("SHA3-384");
            // git-annex's SKEIN256 is Skein-256-256 and SKEIN512 Skein-512-512: state size = output size.
            case SKEIN256 -> BouncyCastleDigest.skein(256);
            case SKEIN512 -> BouncyCastleDigest.skein(512);
            case BLAKE2B256, BLAKE2B512, BLAKE2B160, BLAKE2B224, BLAKE2B384 ->
                    BouncyCastleDigest.blake2b(backend.bits());
            case BLAKE2BP512 -> Blake2ParallelDigest.blake2bp(backend.bits() / 8);
            case BLAKE2S256, BLAKE2S160, BLAKE2S224 -> BouncyCastleDigest.blake2s(backend.bits());
            case BLAKE2SP256, BLAKE2SP224 -> Blake2ParallelDigest.blake2sp(backend.bits() / 8);
            case SHA1 -> jdk("SHA-1");
            case MD5 -> jdk("MD5");
        };
    }

    private static MessageDigest jdk(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks " + algorithm + ", which every JDK 17 has", e);
        }
    }
}
