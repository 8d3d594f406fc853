package org.annexp2p.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.annexp2p.protocol.wire.WireText;

/**
 * Why a peer session ended without its result, kept typed so that each front end words it its own way (a terminal
 * escapes what the peer chose to say; the remote helper says authentication failed in git-annex's words). The
 * message is the plain one line: the connection named once, then why.
 */
public final class PeerFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** What happened. */
    public enum Kind {
        /** The peer refused our authentication; {@link #detail()} is its wire text. */
        REFUSED,
        /** The peer answered an operation with a failure; {@link #detail()} is its wire text (its ERROR, ...). */
        SAID,
        /** The conversation broke (protocol error, I/O failure); {@link #detail()} is the interpreter's reason. */
        BROKE,
        /** The peer hung up while we waited for it. */
        CLOSED
    }

    private final Kind kind;
    private final String description;
    private final String detail;

    PeerFailure(Kind kind, String description, String detail) {
        super(plainly(kind, description, detail));
        this.kind = kind;
        this.description = description;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** The connection, as its transport describes it (e.g. {@code tcp 127.0.0.1:4242}). */
    public String description() {
        return description;
    }

    /** The peer's wire text (REFUSED, SAID), the interpreter's reason (BROKE), or empty (CLOSED). */
    public String detail() {
        return detail;
    }

    /**
     * The one line, with the peer's wire text shown through {@code peerText} and a broken conversation's reason
     * through {@code reason}.
     */
    public String worded(UnaryOperator<String> peerText, UnaryOperator<String> reason) {
        return worded(kind, description, detail, peerText, reason);
    }

    private static String worded(Kind kind, String description, String detail, UnaryOperator<String> peerText,
            UnaryOperator<String> reason) {
        return switch (kind) {
            case REFUSED, SAID -> named(description, peerText.apply(detail));
            case BROKE -> named(description, reason.apply(detail));
            case CLOSED -> description + ": the peer closed the connection";
        };
    }

    /**
     * {@code why} said of the connection {@code description} names, naming it once: a transport's own failures
     * ("tcp 10.0.0.1:4242: connection closed") already start with it.
     */
    public static String named(String description, String why) {
        return why.startsWith(description + ":") || why.startsWith(description + " ") ? why : description + ": " + why;
    }

    private static String plainly(Kind kind, String description, String detail) {
        return worded(kind, description, detail, wire -> new String(WireText.toBytes(wire), StandardCharsets.UTF_8),
                UnaryOperator.identity());
    }
}
