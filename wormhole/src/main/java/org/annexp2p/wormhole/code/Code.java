package org.annexp2p.wormhole.code;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;
import org.annexp2p.wormhole.InvalidCodeException;

/**
 * A wormhole code {@code NAMEPLATE-WORDS}. The whole string is the SPAKE2 password; only the
 * nameplate is ever shown to the server. {@link #toString()} hides the words so that a code logged
 * by accident does not leak the secret part.
 */
public final class Code {

    private final String value;
    private final String nameplate;

    private Code(String value, String nameplate) {
        this.value = value;
        this.nameplate = nameplate;
    }

    /**
     * Accepts what the python CLI accepts: a numeric nameplate, a hyphen, and at least one more
     * character, with no whitespace. Words need not come from the word list (codes given with
     * {@code --code} are used verbatim).
     */
    public static Code parse(String text) throws InvalidCodeException {
        String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFC);
        if (s.isEmpty()) {
            throw new InvalidCodeException("empty wormhole code");
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidCodeException("a wormhole code must not contain spaces");
        }
        int dash = s.indexOf('-');
        if (dash <= 0) {
            throw new InvalidCodeException("a wormhole code looks like NUMBER-WORD-WORD; no nameplate number found");
        }
        String nameplate = s.substring(0, dash);
        if (!nameplate.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidCodeException("a wormhole code must start with a number (the nameplate)");
        }
        if (dash == s.length() - 1) {
            throw new InvalidCodeException("a wormhole code needs words after the nameplate");
        }
        return new Code(s, nameplate);
    }

    /** A fresh code for an allocated nameplate, with {@code length} random PGP words. */
    public static Code generate(String nameplate, int length, RandomGenerator random) throws InvalidCodeException {
        if (length < 1) {
            throw new InvalidCodeException("code length must be at least 1 word");
        }
        StringJoiner joiner = new StringJoiner("-");
        joiner.add(nameplate);
        for (int i = 0; i < length; i++) {
            joiner.add(WordList.pgp().word(i, random.nextInt(256)));
        }
        return parse(joiner.toString());
    }

    public static Code generate(String nameplate, int length) throws InvalidCodeException {
        return generate(nameplate, length, new SecureRandom());
    }

    public String nameplate() {
        return nameplate;
    }

    /** The full code, to show to the user or to feed SPAKE2. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Code c && c.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Code[" + nameplate + "-…]";
    }
}
