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

    // equals and hashCode by hand, with a record's meaning, for the reason Key gives: a server compares UUIDs at
    // its first PUT.
    @Override
    public boolean equals(Object o) {
        return o instanceof Uuid u && value.equals(u.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
