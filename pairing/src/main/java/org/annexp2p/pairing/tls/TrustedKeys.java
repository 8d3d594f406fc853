package org.annexp2p.pairing.tls;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/** The keys a pinned TLS endpoint accepts: the paired peers'. Thread-safe; grows as pairings complete. */
public final class TrustedKeys {

    private final Set<KeyFingerprint> keys = new CopyOnWriteArraySet<>();

    public static TrustedKeys of(KeyFingerprint... pins) {
        TrustedKeys t = new TrustedKeys();
        for (KeyFingerprint pin : pins) {
            t.add(pin);
        }
        return t;
    }

    public void add(KeyFingerprint key) {
        keys.add(key);
    }

    public boolean contains(KeyFingerprint key) {
        return keys.contains(key);
    }

    String describe() {
        if (keys.isEmpty()) {
            return "any paired key (none is paired yet)";
        }
        if (keys.size() == 1) {
            return "the paired key " + keys.iterator().next();
        }
        return "any of the " + keys.size() + " paired keys";
    }
}
