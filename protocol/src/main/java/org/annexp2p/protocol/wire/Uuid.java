package org.annexp2p.protocol.wire;

import java.util.Objects;

/**
 * A repository UUID as it travels on the wire. git-annex accepts any string here (its {@code toUUID} does
 * not validate), so we only forbid what cannot be framed: newlines. As a word inside a message it must not
 * contain whitespace either; {@link #isWord()} tells.
 */
public record Uuid(String value) {
    public Uuid {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a UUID cannot contain a newline");
        }
    }

    public static Uuid random() {
        return new Uuid(java.util.UUID.randomUUID().toString());
    }

    public boolean isWord() {
        for (int i = 0; i < value.length(); i++) {
            if (WireText.spaceAt(value, i) > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
