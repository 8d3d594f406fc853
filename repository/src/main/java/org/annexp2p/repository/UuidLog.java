package org.annexp2p.repository;

import java.util.Optional;
import org.annexp2p.protocol.wire.Uuid;

/**
 * Reads the git-annex branch's {@code uuid.log}: lines {@code UUID DESCRIPTION timestamp=SECONDS[s]} (very old
 * lines have no timestamp), the newest line of a UUID being its description.
 */
final class UuidLog {
    private static final String STAMP = " timestamp=";

    private UuidLog() {
    }

    static Optional<String> description(String log, Uuid uuid) {
        String prefix = uuid.value() + " ";
        String newest = null;
        double newestAt = Double.NEGATIVE_INFINITY;
        for (String line : log.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String rest = line.substring(prefix.length());
            double at = 0;
            int stamp = rest.lastIndexOf(STAMP);
            if (stamp >= 0) {
                at = seconds(rest.substring(stamp + STAMP.length()));
                rest = rest.substring(0, stamp);
            }
            if (at >= newestAt) {
                newestAt = at;
                newest = rest;
            }
        }
        return Optional.ofNullable(newest);
    }

    private static double seconds(String text) {
        try {
            return Double.parseDouble(text.endsWith("s") ? text.substring(0, text.length() - 1) : text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
