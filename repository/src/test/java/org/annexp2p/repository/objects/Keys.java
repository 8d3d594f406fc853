package org.annexp2p.repository.objects;

import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.WireText;

/** Generators of git-annex keys for property tests. */
public final class Keys {
    private Keys() {}

    /** Keys git-annex would accept: any backend shape, optional fields, names with escapable and non-ASCII text. */
    public static Arbitrary<Key> keys() {
        Arbitrary<String> backend = Arbitraries.of("SHA256E", "SHA256", "SHA512E", "MD5E", "SHA1", "WORM", "URL",
                "BLAKE2B256E", "XFOO");
        Arbitrary<Option<Long>> size = Arbitraries.longs().between(0, 1L << 40).optional(0.7).map(Option::ofOptional);
        Arbitrary<Option<Long>> mtime = Arbitraries.longs().between(0, 2_000_000_000L).optional(0.2).map(Option::ofOptional);
        Arbitrary<Option<Long>> chunk = Arbitraries.longs().between(1, 1_000_000).optional(0.2).map(Option::ofOptional);
        Arbitrary<String> name = Arbitraries.strings()
                .withChars("abcdefXYZ0123456789.-_&%:/ ~+=")
                .withChars('é', 'ß', '中', '\u00a0')
                .ofMinLength(1).ofMaxLength(60)
                .map(WireText::ofUnicode);
        return Combinators.combine(backend, size, mtime, chunk, name).as((b, s, m, c, n) ->
                new Key(b, s, m, c, c.map(x -> x % 7 + 1), n))
                .filter(k -> Key.parse(k.serialize()).map(k::equals).getOrElse(false));
    }
}
