package org.annexp2p.transports;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What went wrong, in words a user reads on one line. Many JDK exceptions carry no message (a closed channel, an
 * unresolvable address) or only a name (a missing file, an unknown host); their class name means nothing to a
 * user, so the common ones are said in words and anything else points at --debug. The words may hold text from
 * elsewhere (a host name, a peer's message): whoever prints them to a terminal escapes them.
 */
public final class FailureWords {
    private FailureWords() {
    }

    public static final String CLOSED = "the connection was closed";
    public static final String UNEXPECTED = "an unexpected error (run with --debug for details)";

    /** Exceptions that reach us only as their simple class name (an interpreter's failure reason for a message-less one). */
    private static final Map<String, String> BY_NAME = Map.of(
            "ClosedChannelException", CLOSED,
            "AsynchronousCloseException", CLOSED,
            "EOFException", CLOSED,
            "UnresolvedAddressException", "cannot resolve the host",
            "SocketTimeoutException", "timed out");

    /** A class name, alone or after what it happened to ("tcp 10.0.0.1:4242: ClosedChannelException"). */
    private static final Pattern CLASS_NAME = Pattern.compile("(.*: )?([A-Z][A-Za-z0-9]*(?:Exception|Error))");

    /** {@code e} in words, on one line: from its own message, or the first of its causes that says something. */
    public static String of(Throwable e) {
        return of(e, t -> null);
    }

    /**
     * As {@link #of(Throwable)}, where {@code own} may word a kind of failure this module cannot know (a peer
     * session's): it is asked first of {@code e} and of each cause in turn, and null means "say it as usual".
     */
    public static String of(Throwable e, java.util.function.Function<Throwable, String> own) {
        return firstLine(words(e, own));
    }

    /**
     * A failure reason that may be a bare exception class name, or end in one (what the interpreters and the TCP
     * transport report for an exception without a message), in words.
     */
    public static String ofReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return UNEXPECTED;
        }
        var named = CLASS_NAME.matcher(reason.strip());
        if (named.matches()) {
            String what = named.group(1) == null ? "" : named.group(1);
            return what + BY_NAME.getOrDefault(named.group(2), UNEXPECTED);
        }
        return reason;
    }

    private static String words(Throwable e, java.util.function.Function<Throwable, String> own) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String worded = own.apply(t);
            if (worded != null) {
                return worded;
            }
            String said = said(t);
            if (said != null) {
                return said;
            }
        }
        return UNEXPECTED;
    }

    /** What {@code t} itself tells, or null when only its causes can. */
    private static String said(Throwable t) {
        String m = t.getMessage();
        boolean hasMessage = m != null && !m.isBlank()
                // new IOException(cause) copies cause.toString() ("java.nio.channels.ClosedChannelException")
                && !(t.getCause() != null && m.equals(t.getCause().toString()));
        if (t instanceof NoSuchFileException f) {
            return "no such file: " + (f.getFile() != null ? f.getFile() : m);
        }
        if (t instanceof AccessDeniedException f) {
            return "permission denied: " + (f.getFile() != null ? f.getFile() : m);
        }
        if (t instanceof UnknownHostException) {
            return hasMessage ? "cannot resolve host " + hostOf(m) : "cannot resolve the host";
        }
        if (t instanceof UnresolvedAddressException) {
            return "cannot resolve the host";
        }
        if (t instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (t instanceof ConnectException && hasMessage) {
            return m;
        }
        if (!hasMessage && (t instanceof ClosedChannelException || t instanceof AsynchronousCloseException
                || t instanceof EOFException)) {
            return CLOSED;
        }
        return hasMessage ? ofReason(m) : null;
    }

    /** "nosuch.example: Name or service not known" names nosuch.example. */
    private static String hostOf(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 ? message.substring(0, colon) : message;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
