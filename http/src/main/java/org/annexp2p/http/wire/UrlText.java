package org.annexp2p.http.wire;

import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of one URL piece into wire text (one ISO-8859-1 char per byte), strict about bad escapes. */
public final class UrlText {
    private UrlText() {}

    public static Either<String, String> decode(String piece, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(piece.length());
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '%') {
                if (i + 2 >= piece.length()) {
                    return Either.left("bad percent escape in the URL");
                }
                int hi = Character.digit(piece.charAt(i + 1), 16);
                int lo = Character.digit(piece.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Either.left("bad percent escape in the URL");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                return Either.left("a URL must be ASCII");
            } else {
                out.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        return Either.right(out.toString(StandardCharsets.ISO_8859_1));
    }

    /** Percent-encodes wire text so that {@link #decode} gives it back: unreserved characters stay. */
    public static String encode(String wire) {
        StringBuilder sb = new StringBuilder(wire.length() + 8);
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(Character.forDigit((c >> 4) & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        return sb.toString();
    }
}
