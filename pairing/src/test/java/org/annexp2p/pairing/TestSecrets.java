package org.annexp2p.pairing;

import org.annexp2p.pairing.secret.SharedSecret;

/** Secrets derived once per test JVM: PBKDF2 is deliberately slow. */
public final class TestSecrets {

    public static final SharedSecret GOOD = SharedSecret.fromPhrase("correct horse battery staple");
    public static final SharedSecret OTHER = SharedSecret.fromPhrase("correct horse battery stapler");

    private TestSecrets() {
    }
}
