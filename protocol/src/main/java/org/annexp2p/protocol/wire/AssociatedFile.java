package org.annexp2p.protocol.wire;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The file a transferred key belongs to, relative to the repository top, as wire text (raw bytes). It is
 * informational only (progress display): nothing in annex-p2p ever opens it as a path, so a hostile value
 * cannot reach the filesystem. Still, like git-annex we refuse absolute paths, and we also refuse {@code ..}
 * components, so that a log line never shows a peer-chosen path outside the repository.
 */
public record AssociatedFile(Option<String> path) {
    public static final AssociatedFile NONE = new AssociatedFile(Option.none());

    public AssociatedFile {
        Objects.requireNonNull(path, "path");
        path.forEach(p -> {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("an associated file cannot be empty; use NONE");
            }
            if (p.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("an associated file cannot contain a newline");
            }
        });
    }

    /** An associated file given as wire text (its bytes as ISO-8859-1 chars). */
    public static AssociatedFile of(String wirePath) {
        return wirePath.isEmpty() ? NONE : new AssociatedFile(Option.some(wirePath));
    }

    /** Wire form: {@code %} doubled, each whitespace character replaced by one {@code %}; empty for none. */
    public String format() {
        if (path.isEmpty()) {
            return "";
        }
        String p = path.get();
        StringBuilder sb = new StringBuilder(p.length() + 8);
        for (int i = 0; i < p.length(); ) {
            char c = p.charAt(i);
            int space = WireText.spaceAt(p, i);
            if (c == '%') {
                sb.append("%%");
                i++;
            } else if (space > 0) {
                sb.append('%');
                i += space;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /**
     * Parses the wire form: {@code %%} is {@code %}, a lone {@code %} becomes {@code _} (not a space, as in
     * git-annex), control characters become {@code _}. Absolute paths and {@code ..} components are refused.
     */
    public static Option<AssociatedFile> parse(String wire) {
        StringBuilder sb = new StringBuilder(wire.length());
        for (int i = 0; i < wire.length(); ) {
            char c = wire.charAt(i);
            int control = WireText.controlAt(wire, i);
            if (c == '%' && i + 1 < wire.length() && wire.charAt(i + 1) == '%') {
                sb.append('%');
                i += 2;
            } else if (c == '%') {
                sb.append('_');
                i++;
            } else if (control > 0) {
                sb.append('_');
                i += control;
            } else {
                sb.append(c);
                i++;
            }
        }
        String p = sb.toString();
        if (p.isEmpty()) {
            return Option.some(NONE);
        }
        if (p.startsWith("/") || escapes(p)) {
            return Option.none();
        }
        return Option.some(of(p));
    }

    private static boolean escapes(String p) {
        for (String part : p.split("/", -1)) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** What this file looks like after a trip over the wire (whitespace and control characters become _). */
    public AssociatedFile overTheWire() {
        return parse(format()).getOrElse(NONE);
    }

    @Override
    public String toString() {
        return path.map(WireText::printable).getOrElse("");
    }
}
