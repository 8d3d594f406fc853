package org.annexp2p.http.wire;

import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How p2phttp puts any bytes into a URL: a value wrapped in {@code [...]} is the base64url form of its bytes;
 * anything else stands for itself. Values are wire text (each byte one ISO-8859-1 char), as in the protocol.
 */
public final class BracketedBase64 {
    private BracketedBase64() {}

    /** The bytes a URL piece (already percent-decoded, as wire text) stands for; Left when the brackets hold bad base64. */
    public static Either<String, String> decode(String piece) {
        if (piece.length() < 2 || piece.charAt(0) != '[' || piece.charAt(piece.length() - 1) != ']') {
            return Either.right(piece);
        }
        String inner = piece.substring(1, piece.length() - 1);
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            // The JDK decoder would accept '=' in the middle as an early end; the form has it only as padding.
            boolean alphabet = c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_');
            if (!alphabet && !(c == '=' && inner.substring(i).chars().allMatch(p -> p == '='))) {
                return Either.left("unable to base64 decode [] wrapped value");
            }
        }
        try {
            return Either.right(new String(Base64.getUrlDecoder().decode(inner), StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return Either.left("unable to base64 decode [] wrapped value");
        }
    }

    /** The URL piece for {@code wire}: itself when it is UTF-8 text that does not look bracketed, else bracketed base64url. */
    public static String encode(String wire) {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        boolean bracketed = wire.length() >= 2 && wire.charAt(0) == '[' && wire.charAt(wire.length() - 1) == ']';
        if (!bracketed && isUtf8(bytes)) {
            return wire;
        }
        return "[" + Base64.getUrlEncoder().encodeToString(bytes) + "]";
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
