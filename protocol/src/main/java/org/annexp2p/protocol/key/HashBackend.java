package org.annexp2p.protocol.key;

import io.vavr.control.Option;

/**
 * The hashes of git-annex's hash backends (its Backend/Hash.hs), in git-annex's order. Each is two backends: its
 * name, and its name with E, whose keys keep the file's extension after the hash. git-annex verifies the content
 * of every one of them, and so do we: {@code repository}'s digests compute each hash (SKEIN as Skein-256-256 and
 * Skein-512-512; BLAKE2BP and BLAKE2SP are the parallel tree modes of BLAKE2b and BLAKE2s, which hash to other
 * values than BLAKE2b and BLAKE2s). SHA1 and MD5 are verified too, though git-annex counts neither as
 * cryptographically secure. Keys of every other backend are {@link ContentCheck.Unverifiable}.
 */
public enum HashBackend {
    SHA256(256),
    SHA512(512),
    SHA224(224),
    SHA384(384),
    SHA3_256(256),
    SHA3_512(512),
    SHA3_224(224),
    SHA3_384(384),
    SKEIN256(256),
    SKEIN512(512),
    BLAKE2B256(256),
    BLAKE2B512(512),
    BLAKE2B160(160),
    BLAKE2B224(224),
    BLAKE2B384(384),
    BLAKE2BP512(512),
    BLAKE2S256(256),
    BLAKE2S160(160),
    BLAKE2S224(224),
    BLAKE2SP256(256),
    BLAKE2SP224(224),
    SHA1(160),
    MD5(128);

    private final int bits;

    HashBackend(int bits) {
        this.bits = bits;
    }

    /** The hash's length in bits; a key names it in {@code bits / 4} lowercase hex digits. */
    public int bits() {
        return bits;
    }

    /**
     * The hash of a key backend name: the name exactly, or the name with E. Exact, as git-annex parses backend
     * names: {@code sha256}, {@code SHA256EE} or {@code SHA3-256} name no hash.
     */
    public static Option<HashBackend> of(String backendName) {
        String base = backendName.endsWith("E") ? backendName.substring(0, backendName.length() - 1) : backendName;
        for (HashBackend b : values()) {
            if (b.name().equals(base)) {
                return Option.some(b);
            }
        }
        return Option.none();
    }
}
