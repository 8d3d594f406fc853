package org.annexp2p.repository.serving;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What one running server process serves: its pid, when the process started, and its ways in the order they began. */
public record ServingProcess(long pid, Instant started, List<ServedWay> ways) {
    private static final String HEADER = "annex-p2p serving 1";
    /** More than any server has; a record with more lines is not ours. */
    static final int MAX_WAYS = 64;

    public ServingProcess {
        ways = List.copyOf(ways);
    }

    String text() {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("pid ").append(pid).append('\n')
                .append("started ").append(started).append('\n');
        ways.forEach(way -> text.append(way.line()).append('\n'));
        return text.toString();
    }

    /** The process a record's text describes; empty when its header, pid or start is missing or malformed. */
    static Optional<ServingProcess> parse(String text) {
        String[] lines = text.split("\n", MAX_WAYS + 4);
        if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].startsWith("pid ")
                || !lines[2].startsWith("started ")) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines[1].substring("pid ".length()));
            Instant started = Instant.parse(lines[2].substring("started ".length()));
            List<ServedWay> ways = new ArrayList<>();
            for (int i = 3; i < lines.length && ways.size() < MAX_WAYS; i++) {
                ServedWay.parse(lines[i]).ifPresent(ways::add);
            }
            return pid > 0 ? Optional.of(new ServingProcess(pid, started, ways)) : Optional.empty();
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
