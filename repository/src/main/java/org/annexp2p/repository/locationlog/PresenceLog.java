package org.annexp2p.repository.locationlog;

import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pure rules of git-annex's presence logs (location logs among them): parsing that skips lines it does not
 * understand, compaction where the latest line per info wins, and adding a line the way git-annex does —
 * appended when the info is new, otherwise the compacted log rewritten in info order.
 */
public final class PresenceLog {
    private PresenceLog() {}

    /** Lines end at any run of CR and LF; unparseable lines are skipped, as git-annex does. */
    public static List<LogLine> parse(String content) {
        // By hand, not String.split: a regular expression would be compiled again for every log a PUT reads.
        List<LogLine> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= content.length(); i++) {
            if (i == content.length() || content.charAt(i) == '\r' || content.charAt(i) == '\n') {
                if (i > start) {
                    LogLine.parse(content.substring(start, i)).forEach(lines::add);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    public static String format(List<LogLine> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.format()));
        return sb.toString();
    }

    /**
     * The line in effect for each info, in info (byte) order. Ties between equal clocks go to the line that
     * comes first, matching git-annex's right fold.
     */
    public static List<LogLine> compact(List<LogLine> lines) {
        Map<String, LogLine> latest = new TreeMap<>();
        for (int i = lines.size() - 1; i >= 0; i--) {
            LogLine l = lines.get(i);
            LogLine held = latest.get(l.info());
            if (held == null || held.clock().compareTo(l.clock()) <= 0) {
                latest.put(l.info(), l);
            }
        }
        return List.copyOf(latest.values());
    }

    /** The infos whose line in effect says present. */
    public static List<String> present(String content) {
        return compact(parse(content)).stream().filter(l -> l.status() == LogStatus.PRESENT).map(LogLine::info).toList();
    }

    /** The new content of a log after recording {@code status} for {@code info} at {@code now}. */
    public static String add(String old, LogStatus status, String info, VectorClock now) {
        List<LogLine> lines = parse(old);
        Option<VectorClock> previous = io.vavr.collection.List.ofAll(lines)
                .filter(l -> l.info().equals(info)).map(LogLine::clock).max();
        LogLine line = new LogLine(now.advancedPast(previous), status, info);
        if (previous.isEmpty()) {
            // A log always ends in a newline; one that does not must not have our line glued onto its last.
            String base = old.isEmpty() || old.endsWith("\n") ? old : old + "\n";
            return base + line.format();
        }
        List<LogLine> all = new ArrayList<>(lines.size() + 1);
        all.add(line);
        all.addAll(lines);
        return format(compact(all));
    }
}
