package org.annexp2p.tor.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Parses the raw event text jtorctl hands over (event type, then the rest of the line). Never throws. */
final class TorEvents {

    private TorEvents() {
    }

    public static Optional<TorEvent> parse(String type, String rest) {
        if (type == null || rest == null) {
            return Optional.empty();
        }
        try {
            return switch (type) {
                case "STATUS_CLIENT" -> statusClient(rest);
                case "HS_DESC" -> hsDesc(rest);
                case "CIRC" -> circuit(rest);
                case "WARN", "ERR" -> Optional.of(new TorEvent.Log(type, rest));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            // an event we cannot read is dropped, never allowed to kill the dispatcher
            return Optional.empty();
        }
    }

    /** Parses the value of {@code GETINFO status/bootstrap-phase}, which has the STATUS_CLIENT form. */
    public static Optional<TorEvent.Bootstrap> bootstrapPhase(String value) {
        return parse("STATUS_CLIENT", value == null ? null : value).flatMap(e ->
                e instanceof TorEvent.Bootstrap b ? Optional.of(b) : Optional.empty());
    }

    private static Optional<TorEvent> statusClient(String rest) {
        String[] words = rest.split(" ", 3);
        if (words.length < 2) {
            return Optional.empty();
        }
        return switch (words[1]) {
            case "BOOTSTRAP" -> bootstrap(words.length > 2 ? words[2] : "");
            case "CIRCUIT_ESTABLISHED" -> Optional.of(new TorEvent.CircuitEstablished(true));
            case "CIRCUIT_NOT_ESTABLISHED" -> Optional.of(new TorEvent.CircuitEstablished(false));
            default -> Optional.empty();
        };
    }

    private static Optional<TorEvent> bootstrap(String args) {
        Map<String, String> kv = keywords(args);
        String progress = kv.get("PROGRESS");
        if (progress == null || progress.isEmpty() || progress.length() > 3
                || !progress.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int p = Integer.parseInt(progress);
        if (p > 100) {
            return Optional.empty();
        }
        return Optional.of(new TorEvent.Bootstrap(p, kv.getOrDefault("TAG", ""), kv.getOrDefault("SUMMARY", "")));
    }

    private static Optional<TorEvent> hsDesc(String rest) {
        String[] w = rest.split(" ");
        if (w.length < 4) {
            return Optional.empty();
        }
        return switch (w[0]) {
            case "UPLOADED" -> Optional.of(new TorEvent.DescriptorUploaded(w[1], w[3]));
            case "FAILED" -> Optional.of(new TorEvent.DescriptorFailed(w[1], w[3],
                    keywords(rest).getOrDefault("REASON", "unknown")));
            default -> Optional.empty();
        };
    }

    private static Optional<TorEvent> circuit(String rest) {
        String[] w = rest.split(" ");
        if (w.length < 2 || w[0].isEmpty() || w[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TorEvent.Circuit(w[0], w[1]));
    }

    /** {@code KEY=value KEY="quoted value"} pairs; words without '=' are skipped. */
    static Map<String, String> keywords(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '=') {
                i++;
            }
            String key = s.substring(start, i);
            if (i < s.length() && s.charAt(i) == '=') {
                i++;
                StringBuilder value = new StringBuilder();
                if (i < s.length() && s.charAt(i) == '"') {
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                            i++;
                        }
                        value.append(s.charAt(i++));
                    }
                    i++;
                } else {
                    while (i < s.length() && s.charAt(i) != ' ') {
                        value.append(s.charAt(i++));
                    }
                }
                out.putIfAbsent(key, value.toString());
            } else if (key.isEmpty() && i < s.length()) {
                i++;
            }
        }
        return out;
    }
}
