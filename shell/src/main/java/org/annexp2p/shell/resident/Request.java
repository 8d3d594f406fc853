package org.annexp2p.shell.resident;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's request: its protocol version, argv, environment and directory, read from 'H' A* E* 'D' 'G'.
 * {@code refusal}: a request that is well framed but cannot be served (answered 'B', not closed).
 */
record Request(List<String> argv, Map<String, String> env, String directory, Option<String> refusal) {
    static final int MAX_FRAMES = 10_000;
    static final long MAX_PAYLOAD_TOTAL = 4L << 20;

    /**
     * Reads a request; Left(why) when it breaks the protocol (order, a frame that is not one, the limits, the
     * end of the stream before 'G'): the connection is then closed without an answer.
     */
    static Either<String, Request> read(InputStream in) throws IOException {
        int frames = 0;
        long total = 0;
        String version = null;
        String directory = null;
        List<String> argv = new ArrayList<>();
        Map<String, String> env = new HashMap<>();
        String refusal = null;
        while (true) {
            FrameCodec.Decoded d = FrameCodec.read(in);
            if (d instanceof FrameCodec.Decoded.Refused r) {
                return Either.left(r.why());
            }
            if (d instanceof FrameCodec.Decoded.End) {
                return Either.left("the request ended before 'G'");
            }
            Frame f = ((FrameCodec.Decoded.Read) d).frame();
            frames++;
            total += f.payload().length;
            if (frames > MAX_FRAMES || total > MAX_PAYLOAD_TOTAL) {
                return Either.left("the request is over the limits");
            }
            boolean inOrder;
            if (f instanceof Frame.Hello h) {
                inOrder = frames == 1;
                version = h.version();
            } else if (f instanceof Frame.Arg a) {
                inOrder = version != null && env.isEmpty() && directory == null;
                argv.add(a.word());
                refusal = refusal != null ? refusal : nul(a.word(), "an argument");
            } else if (f instanceof Frame.Env e) {
                inOrder = version != null && directory == null;
                int eq = e.entry().indexOf('=');
                if (eq < 0) {
                    refusal = refusal != null ? refusal : "an environment entry without '='";
                } else {
                    env.put(e.entry().substring(0, eq), e.entry().substring(eq + 1));
                }
                refusal = refusal != null ? refusal : nul(e.entry(), "an environment entry");
            } else if (f instanceof Frame.Directory dir) {
                inOrder = version != null && directory == null;
                directory = dir.path();
                refusal = refusal != null ? refusal : nul(directory, "the directory");
                if (refusal == null && !directory.startsWith("/")) {
                    refusal = "the directory is not absolute";
                }
            } else if (f instanceof Frame.Go) {
                if (version == null || directory == null) {
                    return Either.left("'G' before the request was complete");
                }
                if (!version.equals(Frame.VERSION)) {
                    // Before anything else: a later version's request may mean something else by its frames.
                    refusal = "unsupported version";
                }
                return Either.right(new Request(List.copyOf(argv), Map.copyOf(env), directory, Option.of(refusal)));
            } else {
                inOrder = false;
            }
            if (!inOrder) {
                return Either.left("a '" + f.type() + "' frame out of order");
            }
        }
    }

    private static String nul(String s, String what) {
        return s.indexOf('\0') >= 0 ? what + " holds a NUL byte" : null;
    }
}
