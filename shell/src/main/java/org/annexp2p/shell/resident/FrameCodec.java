package org.annexp2p.shell.resident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Frames to bytes and back. Decoding never throws for what a peer sent: a byte string is a frame, the clean end of
 * the stream, or a {@link Decoded.Refused} saying what is wrong; only the stream's own failure is an IOException.
 */
public final class FrameCodec {
    private FrameCodec() {}

    /** What {@link #read} found. */
    public sealed interface Decoded {
        record Read(Frame frame) implements Decoded {}

        /** The stream ended between frames. */
        record End() implements Decoded {}

        /** Not a frame of this protocol: the connection is closed. */
        record Refused(String why) implements Decoded {}
    }

    public static byte[] encode(Frame frame) {
        byte[] payload = frame.payload();
        if (payload.length > Frame.MAX_PAYLOAD) {
            throw new IllegalArgumentException("a frame carries at most " + Frame.MAX_PAYLOAD + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(5 + payload.length);
        int n = payload.length;
        out.write(frame.type());
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.write(payload, 0, n);
        return out.toByteArray();
    }

    public static void write(Frame frame, OutputStream out) throws IOException {
        out.write(encode(frame));
    }

    /** The next frame of {@code in}; its length is checked before its payload is read or allocated. */
    public static Decoded read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return new Decoded.End();
        }
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            return new Decoded.Refused("truncated frame header");
        }
        long length = ((head[0] & 0xffL) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (length > Frame.MAX_PAYLOAD) {
            return new Decoded.Refused("frame of " + length + " bytes is over the limit of " + Frame.MAX_PAYLOAD);
        }
        byte[] payload = in.readNBytes((int) length);
        if (payload.length < length) {
            return new Decoded.Refused("truncated frame");
        }
        return decode((char) type, payload);
    }

    /** A frame from its type and whole payload. */
    public static Decoded decode(char type, byte[] payload) {
        switch (type) {
            case 'H': return new Decoded.Read(new Frame.Hello(text(payload)));
            case 'A': return new Decoded.Read(new Frame.Arg(text(payload)));
            case 'E': return new Decoded.Read(new Frame.Env(text(payload)));
            case 'D': return new Decoded.Read(new Frame.Directory(text(payload)));
            case 'B': return new Decoded.Read(new Frame.Busy(text(payload)));
            case 'I': return new Decoded.Read(new Frame.Input(payload));
            case 'O': return new Decoded.Read(new Frame.Output(payload));
            case 'R': return new Decoded.Read(new Frame.Error(payload));
            case 'G': return empty(payload, new Frame.Go());
            case 'S': return empty(payload, new Frame.Started());
            case 'C': return empty(payload, new Frame.Closed());
            case 'X':
                if (payload.length != 4) {
                    return new Decoded.Refused("an exit frame carries 4 bytes");
                }
                int status = ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
                return new Decoded.Read(new Frame.Exit(status));
            default:
                return new Decoded.Refused("unknown frame type " + (type & 0xff));
        }
    }

    private static Decoded empty(byte[] payload, Frame frame) {
        return payload.length == 0 ? new Decoded.Read(frame) : new Decoded.Refused("a '" + frame.type() + "' frame is empty");
    }

    /** UTF-8 as the JVM decodes a malformed argument: a replacement character, never a failure. */
    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
