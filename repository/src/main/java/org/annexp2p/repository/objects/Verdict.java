package org.annexp2p.repository.objects;

/** What checking bytes against a key found. Only {@link Mismatch} refuses them. */
public sealed interface Verdict {
    /** The size the key declares (if any) and the hash its name declares both match. */
    record Verified() implements Verdict {}

    /**
     * The key's backend names no hash we (or git-annex) can check, so only the size it declares, if any, was
     * checked and matched. git-annex accepts such content over P2P on the same grounds.
     */
    record SizeOnly(String backend) implements Verdict {}

    /** The bytes are not the key's content. */
    record Mismatch(Part part) implements Verdict {}

    /** Which part of the key the bytes contradict. */
    enum Part { SIZE, HASH }

    default boolean accepted() {
        return !(this instanceof Mismatch);
    }
}
