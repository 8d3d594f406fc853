package org.annexp2p.repository.objects;

import io.vavr.control.Either;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import org.annexp2p.protocol.wire.WireText;

/**
 * Turns wire text (raw bytes) into a single file-name component that Java will write to disk as exactly those
 * bytes. Java names files through the platform's file-name charset, so bytes that do not decode in it cannot
 * be named at all; those, and anything that is not one plain component, are refused instead of being mangled
 * into some other name.
 */
public final class FileNames {
    /** The longest file name Linux filesystems accept, in bytes. */
    public static final int MAX_BYTES = 255;

    private static final Charset PLATFORM = platformCharset();

    private FileNames() {}

    private static Charset platformCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Enough of a peer's name to recognise it, never all of it: the name is the peer's text, and a peer whose AUTH
     * line ran into its next line has put its token there, which must not reach our logs or errors.
     */
    public static String shown(String wire) {
        String p = WireText.printable(wire);
        return p.length() > 32 ? "\"" + p.substring(0, 32) + "...\" (" + p.length() + " characters)" : "\"" + p + "\"";
    }

    /** The component naming exactly these wire bytes, or a one-line reason why there is none. */
    public static Either<String, String> component(String wire) {
        byte[] bytes = WireText.toBytes(wire);
        if (bytes.length == 0 || wire.equals(".") || wire.equals("..")) {
            return Either.left("not a file name: " + shown(wire));
        }
        if (bytes.length > MAX_BYTES) {
            return Either.left("name too long for a file (" + bytes.length + " bytes, at most " + MAX_BYTES + ")");
        }
        if (wire.indexOf('/') >= 0 || wire.indexOf('\0') >= 0) {
            return Either.left("a file name cannot contain '/' or NUL: " + shown(wire));
        }
        String name;
        try {
            name = PLATFORM.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Either.left("name is not valid " + PLATFORM + " and cannot be a file name here: " + shown(wire));
        }
        if (!Arrays.equals(name.getBytes(PLATFORM), bytes)) {
            return Either.left("name does not survive the file-name charset " + PLATFORM + ": " + shown(wire));
        }
        return Either.right(name);
    }
}
