package org.annexp2p.protocol.key;

import io.vavr.control.Option;

/**
 * Backends whose keys name their content's hash, with the JDK digest that checks them. Keys of other
 * backends (WORM, URL, external, BLAKE2, SKEIN...) are accepted with only their size checked, as git-annex
 * does for backends it cannot verify.
 */
public enum HashBackend {
    SHA256("SHA-256", 64),
    SHA512("SHA-512", 128),
    SHA224("SHA-224", 56),
    SHA384("SHA-384", 96),
    SHA3_256("SHA3-256", 64),
    SHA3_512("SHA3-512", 128),
    SHA3_224("SHA3-224", 56),
    SHA3_384("SHA3-384", 96),
    SHA1("SHA-1", 40),
    MD5("MD5", 32);

    private final String jdkAlgorithm;
    private final int hexLength;

    HashBackend(String jdkAlgorithm, int hexLength) {
        this.jdkAlgorithm = jdkAlgorithm;
        this.hexLength = hexLength;
    }

    public String jdkAlgorithm() {
        return jdkAlgorithm;
    }

    public int hexLength() {
        return hexLength;
    }

    /** The backend for a key's backend name, with or without the extension marker E. */
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
