package org.annexp2p.interpreters.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.annexp2p.interpreters.net.Transcript;

/**
 * Everything the server says about a conversation — its log records (System.Logger goes to java.util.logging
 * here) and its --debug transcript — checked as it is said for a secret that must never appear. The console
 * handlers are detached meanwhile: a million hostile lines would otherwise print a million warnings.
 */
final class SecretWatch extends Handler implements Transcript, AutoCloseable {
    private final String secret;
    private final List<String> leaks = Collections.synchronizedList(new ArrayList<>());
    private final List<String> spreadLeaks = Collections.synchronizedList(new ArrayList<>());
    private final Logger root = Logger.getLogger("");
    private final Handler[] detached;
    private final Level rootLevel;
    private volatile long logRecords;
    private volatile long transcriptLines;

    SecretWatch(String secret) {
        this.secret = secret;
        this.detached = root.getHandlers();
        this.rootLevel = root.getLevel();
        for (Handler h : detached) {
            root.removeHandler(h);
        }
        // Everything, debug included: a leak at a level that is off by default is still a leak.
        root.setLevel(Level.ALL);
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        logRecords++;
        StringBuilder all = new StringBuilder(String.valueOf(r.getMessage()));
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                all.append(' ').append(p);
            }
        }
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
            all.append(' ').append(t);
        }
        check("log " + r.getLoggerName(), all.toString());
    }

    @Override
    public void line(Direction direction, String printable) {
        transcriptLines++;
        check("transcript " + direction, printable);
    }

    void check(String where, String text) {
        // Tokens are case-insensitive, so an upper-cased copy is just as good a credential.
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains(secret)) {
            leaks.add(where + ": " + text);
        }
        // Split by spaces, a CR or junk, it is still the token to whoever reads the log.
        if (lower.replaceAll("\\\\x[0-9a-f]{2}", "").replaceAll("[^a-z0-9]", "").contains(secret)) {
            spreadLeaks.add(where + ": " + text);
        }
    }

    List<String> leaks() {
        return List.copyOf(leaks);
    }

    /** Lines that hold the token once escapes (\xNN) and everything but letters and digits are taken out. */
    List<String> spreadLeaks() {
        return List.copyOf(spreadLeaks);
    }

    long logRecords() {
        return logRecords;
    }

    long transcriptLines() {
        return transcriptLines;
    }

    @Override
    public void flush() {
        // Nothing buffered.
    }

    @Override
    public void close() {
        root.removeHandler(this);
        root.setLevel(rootLevel);
        for (Handler h : detached) {
            root.addHandler(h);
        }
    }
}
