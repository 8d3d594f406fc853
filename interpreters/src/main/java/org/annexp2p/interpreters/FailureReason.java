package org.annexp2p.interpreters;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Why a run failed, as one line a user can read: the failure's own message, or, for the many JDK exceptions
 * that carry none (a closed channel, a reset socket), a plain phrase for their kind. Never a class name.
 */
public final class FailureReason {
    private FailureReason() {}

    static final String CLOSED = "the connection was closed";

    public static String of(IOException failure) {
        Throwable t = failure;
        // new IOException(cause) takes cause.toString() as its message: the class name, then the cause's message.
        while (t.getCause() != null && (blank(t.getMessage()) || t.getMessage().equals(t.getCause().toString()))) {
            t = t.getCause();
        }
        if (t instanceof NoSuchFileException f && f.getFile() != null) {
            return "no such file: " + oneLine(f.getFile());
        }
        if (t instanceof AccessDeniedException f && f.getFile() != null) {
            return "permission denied: " + oneLine(f.getFile());
        }
        return blank(t.getMessage()) ? kind(t) : oneLine(t.getMessage());
    }

    private static String kind(Throwable t) {
        if (t instanceof SocketTimeoutException) {
            return "timed out";
        }
        if (t instanceof ClosedChannelException || t instanceof EOFException) {
            return CLOSED;
        }
        if (t instanceof InterruptedIOException) {
            return "interrupted";
        }
        if (t instanceof UnknownHostException) {
            return "cannot resolve the host";
        }
        if (t instanceof SocketException) {
            return "the connection failed";
        }
        return "an input/output error";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
