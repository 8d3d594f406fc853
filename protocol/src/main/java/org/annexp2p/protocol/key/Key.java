package org.annexp2p.protocol.key;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import org.annexp2p.protocol.wire.WireText;

/**
 * A git-annex key: {@code BACKEND[-sSIZE][-mMTIME][-SCHUNKSIZE-CCHUNKNUM]--NAME}. The parser is as strict as
 * git-annex's: only these four numeric fields, in this order; a non-empty backend; the name is the rest and,
 * for backends with an extension ("E"), the extension is at most 64 bytes. Held as wire text (raw bytes).
 */
public record Key(String backend, Option<Long> size, Option<Long> mtime, Option<Long> chunkSize,
        Option<Long> chunkNumber, String name) {

    private static final int MAX_EXTENSION_BYTES = 64;

    public Key {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(name, "name");
        if (backend.isEmpty() || backend.indexOf('-') >= 0) {
            throw new IllegalArgumentException("a key backend must be non-empty and contain no '-'");
        }
        if (name.indexOf('\n') >= 0 || backend.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a key cannot contain a newline");
        }
        for (Option<Long> f : java.util.List.of(size, mtime, chunkSize, chunkNumber)) {
            if (f.exists(v -> v < 0)) {
                throw new IllegalArgumentException("key fields cannot be negative");
            }
        }
    }

    /** A key with only backend, size and name, the common shape. */
    public static Key of(String backend, long size, String name) {
        return new Key(backend, Option.some(size), Option.none(), Option.none(), Option.none(), name);
    }

    public static Either<String, Key> parse(String wire) {
        int dash = wire.indexOf('-');
        if (dash <= 0) {
            return Either.left("not a key (no backend): " + WireText.printable(abbreviate(wire)));
        }
        String backend = wire.substring(0, dash);
        Cursor c = new Cursor(wire, dash);
        Option<Long> size = c.field('s');
        Option<Long> mtime = c.field('m');
        Option<Long> chunkSize = c.field('S');
        Option<Long> chunkNumber = c.field('C');
        if (!wire.startsWith("--", c.pos)) {
            return Either.left("not a key (bad fields): " + WireText.printable(abbreviate(wire)));
        }
        String name = wire.substring(c.pos + 2);
        if (name.indexOf('\n') >= 0) {
            return Either.left("not a key (newline)");
        }
        Key key = new Key(backend, size, mtime, chunkSize, chunkNumber, name);
        if (key.hasExtension() && key.extension().length() > MAX_EXTENSION_BYTES) {
            return Either.left("not a key (extension over 64 bytes)");
        }
        return Either.right(key);
    }

    /** Reads the optional {@code -<letter><digits>} fields in order, backtracking when one is absent. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        Option<Long> field(char letter) {
            int i = pos;
            if (i + 2 >= s.length() || s.charAt(i) != '-' || s.charAt(i + 1) != letter) {
                return Option.none();
            }
            int j = i + 2;
            long v = 0;
            while (j < s.length() && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) {
                v = v * 10 + (s.charAt(j) - '0');
                if (v < 0 || j - (i + 2) > 18) {
                    return Option.none();
                }
                j++;
            }
            if (j == i + 2) {
                return Option.none();
            }
            pos = j;
            return Option.some(v);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    public String serialize() {
        StringBuilder sb = new StringBuilder(backend.length() + name.length() + 24);
        sb.append(backend);
        size.forEach(v -> sb.append("-s").append(v));
        mtime.forEach(v -> sb.append("-m").append(v));
        chunkSize.forEach(v -> sb.append("-S").append(v));
        chunkNumber.forEach(v -> sb.append("-C").append(v));
        return sb.append("--").append(name).toString();
    }

    /** The same key without chunk fields: what git-annex hashes to find the object directory. */
    public Key withoutChunks() {
        return new Key(backend, size, mtime, Option.none(), Option.none(), name);
    }

    /** Backends whose name carries the file's extension: in git-annex, exactly those whose name ends in E. */
    public boolean hasExtension() {
        return backend.endsWith("E");
    }

    /** The extension including its leading dot (empty if none): the name from its first '.'. */
    public String extension() {
        int dot = name.indexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    /** For hash backends, the hex digest the name declares: the name up to its first '.'. */
    public String declaredHash() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** How content of this key is told from other bytes: by the hash its name declares, or (unverifiable) not. */
    public ContentCheck contentCheck() {
        return ContentCheck.of(this);
    }

    /**
     * The key as a single path component, escaped as git-annex does: {@code &}→{@code &a}, {@code %}→{@code &s},
     * {@code :}→{@code &c}, {@code /}→{@code %}. Because every key starts with its backend name, the result
     * can never be {@code .} or {@code ..}.
     */
    public String fileName() {
        String s = serialize();
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&a");
                case '%' -> sb.append("&s");
                case ':' -> sb.append("&c");
                case '/' -> sb.append('%');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    // equals and hashCode by hand, with a record's meaning: the generated ones are built at their first call from
    // method handles whose classes the JVM spins then, at every start (no class-data archive of this JDK keeps
    // them), and a server's first PUT hashes a key.
    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && backend.equals(k.backend) && name.equals(k.name) && size.equals(k.size)
                && mtime.equals(k.mtime) && chunkSize.equals(k.chunkSize) && chunkNumber.equals(k.chunkNumber);
    }

    @Override
    public int hashCode() {
        int h = backend.hashCode();
        h = 31 * h + size.hashCode();
        h = 31 * h + mtime.hashCode();
        h = 31 * h + chunkSize.hashCode();
        h = 31 * h + chunkNumber.hashCode();
        return 31 * h + name.hashCode();
    }

    @Override
    public String toString() {
        return WireText.printable(serialize());
    }
}
