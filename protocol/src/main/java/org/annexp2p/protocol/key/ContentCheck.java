package org.annexp2p.protocol.key;

/**
 * How git-annex tells, from a key alone, whether bytes are that key's content. Either the key names a hash of
 * its content, or git-annex has no way to check the content beyond the size the key may declare. Which it is
 * depends on the backend only, exactly as git-annex parses backend names (Types/Key.hs) and looks up their
 * verifiers (Backend/Hash.hs, Backend/GitRemoteAnnex.hs).
 */
public sealed interface ContentCheck {
    /**
     * The content must have the key's size, if it declares one, and its {@code hash} must be {@code expected} in
     * lowercase hex.
     */
    record ByHash(HashBackend hash, String expected) implements ContentCheck {}

    /**
     * Nothing but the size, if the key declares one, can be checked: WORM and URL keys, which name no hash;
     * GITMANIFEST keys; VURL keys, which git-annex checks only against equivalent keys recorded in its branch,
     * and not at all when none are recorded; keys of external backends (X...), which git-annex checks only by
     * running that backend's program; and backends git-annex does not know. git-annex, receiving content over
     * P2P, checks such keys by size alone and accepts them; so do we, but say so.
     */
    record Unverifiable(String backend) implements ContentCheck {}

    static ContentCheck of(Key key) {
        var hash = HashBackend.of(key.backend());
        if (hash.isDefined()) {
            // A bug in old git-annex put a '\' before some hashes; git-annex still accepts those keys.
            String declared = key.declaredHash();
            return new ByHash(hash.get(), declared.startsWith("\\") ? declared.substring(1) : declared);
        }
        if (key.backend().equals("GITBUNDLE")) {
            // git-remote-annex's bundles: the name is a UUID, '-', then the bundle's SHA-256.
            return new ByHash(HashBackend.SHA256, key.name().substring(key.name().lastIndexOf('-') + 1));
        }
        return new Unverifiable(key.backend());
    }
}
