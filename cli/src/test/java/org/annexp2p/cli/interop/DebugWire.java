package org.annexp2p.cli.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The P2P protocol lines git-annex logged with {@code --debug}, as it sent ({@code > }) and received ({@code < }) them,
 * per connection. Only git-annex's own lines count: with {@code --debug} it also passes {@code --debug} to the
 * remote's shell, whose transcript (ours) comes through on the same stderr in another format.
 */
record DebugWire(Map<String, List<String>> connections) {
    // [2026-12-05 17:43:39.76] (P2P.IO) [git-annex-shell connection Just 29060] [ThreadId 4] P2P > VERSION 4
    private static final Pattern LINE =
            Pattern.compile("\\(P2P\\.IO\\) \\[([^\\]]+)\\] \\[ThreadId \\d+\\] P2P ([<>]) (.*)$");

    static DebugWire of(String stderr) {
        Map<String, List<String>> connections = new LinkedHashMap<>();
        stderr.lines().forEach(l -> {
            Matcher m = LINE.matcher(l);
            if (m.find()) {
                connections.computeIfAbsent(m.group(1), c -> new ArrayList<>()).add(m.group(2) + " " + m.group(3));
            }
        });
        return new DebugWire(Map.copyOf(connections));
    }

    /** The one connection whose lines include {@code line}. */
    List<String> connectionWith(String line) {
        List<List<String>> with = connections.values().stream().filter(c -> c.contains(line)).toList();
        if (with.size() != 1) {
            throw new AssertionError(with.size() + " connections have \"" + line + "\"; the wire: " + connections);
        }
        return with.get(0);
    }
}
