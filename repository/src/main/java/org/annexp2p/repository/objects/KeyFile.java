package org.annexp2p.repository.objects;

import io.vavr.control.Option;
import org.annexp2p.protocol.key.Key;

/** The way back from an escaped key file name ({@link Key#fileName()}) to the key, as git-annex's fileKey. */
public final class KeyFile {
    private KeyFile() {}

    /** Undoes the escaping: {@code %}→{@code /}, {@code &c}→{@code :}, {@code &s}→{@code %}, {@code &a}→{@code &}. */
    public static Option<Key> parse(String fileName) {
        StringBuilder sb = new StringBuilder(fileName.length());
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c == '%') {
                sb.append('/');
            } else if (c == '&' && i + 1 < fileName.length()) {
                char e = fileName.charAt(++i);
                switch (e) {
                    case 'a' -> sb.append('&');
                    case 's' -> sb.append('%');
                    case 'c' -> sb.append(':');
                    default -> {
                        return Option.none();
                    }
                }
            } else if (c == '&') {
                return Option.none();
            } else {
                sb.append(c);
            }
        }
        return Key.parse(sb.toString()).toOption().filter(k -> k.fileName().equals(fileName));
    }
}
