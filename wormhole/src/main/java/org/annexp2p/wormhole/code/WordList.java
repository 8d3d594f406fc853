package org.annexp2p.wormhole.code;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PGP word list as Magic Wormhole 0.12 uses it: for each byte an "even" and an "odd" word.
 * Codes use odd words at the 1st, 3rd... position and even words at the 2nd, 4th..., lowercased.
 */
final class WordList {

    private static final WordList PGP = load();

    private final List<String> even;
    private final List<String> odd;

    private WordList(List<String> even, List<String> odd) {
        this.even = List.copyOf(even);
        this.odd = List.copyOf(odd);
    }

    public static WordList pgp() {
        return PGP;
    }

    /** The word for {@code b} at 0-based word position {@code position} in a code. */
    public String word(int position, int b) {
        return (position % 2 == 0 ? odd : even).get(b & 0xff);
    }

    /** All 256 words that may appear at {@code position}. */
    public List<String> wordsAt(int position) {
        return position % 2 == 0 ? odd : even;
    }

    private static WordList load() {
        List<String> even = new ArrayList<>(256);
        List<String> odd = new ArrayList<>(256);
        try (InputStream in = WordList.class.getResourceAsStream("pgp-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("pgp-words.txt resource is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.trim().split(" ");
                if (f.length != 3 || Integer.parseInt(f[0], 16) != even.size()) {
                    throw new IllegalStateException("pgp-words.txt is corrupt near: " + line);
                }
                even.add(f[1].toLowerCase(Locale.ROOT));
                odd.add(f[2].toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (even.size() != 256) {
            throw new IllegalStateException("pgp-words.txt has " + even.size() + " entries, not 256");
        }
        return new WordList(even, odd);
    }
}
