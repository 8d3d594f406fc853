package org.annexp2p.repository.serving;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One way a running server serves the repository: its kind ({@code tcp}, {@code tls}, {@code lan}, {@code tor},
 * {@code http}, {@code https} or {@code network:NAME}), the address a client dials, and since when.
 * Both are checked when made and when read back, so a record written by anyone else cannot carry markup, spaces
 * or an address of another kind than it claims.
 */
public record ServedWay(String kind, String address, Instant since) {
    private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** URL and address characters only: nothing a page or a shell would treat specially. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._~:/\\[\\]@%+=,-]{1,300}");

    public ServedWay {
        if (!valid(kind, address)) {
            throw new IllegalArgumentException("not a served way: " + kind);
        }
    }

    /** The kind of a generic network's way, e.g. {@code network:lan}. */
    public static String network(String netName) {
        return "network:" + netName;
    }

    /** The line that keeps it in a record. */
    String line() {
        return "way " + kind + " " + since + " " + address;
    }

    /** The way a record's line says; empty for anything else (a malformed or foreign line is skipped). */
    static Optional<ServedWay> parse(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 4 || !parts[0].equals("way") || !valid(parts[1], parts[3])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServedWay(parts[1], parts[3], Instant.parse(parts[2])));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean valid(String kind, String address) {
        if (kind == null || address == null || !ADDRESS.matcher(address).matches()) {
            return false;
        }
        if (kind.startsWith("network:")) {
            String name = kind.substring("network:".length());
            return NETWORK_NAME.matcher(name).matches() && address.startsWith("p2p-annex::" + name + ":");
        }
        return switch (kind) {
            case "tcp" -> address.startsWith("tcp://");
            case "tls" -> address.startsWith("tls://");
            case "lan" -> address.startsWith("lan://");
            case "tor" -> address.startsWith("tor-annex::");
            case "http" -> address.startsWith("annex+http://");
            case "https" -> address.startsWith("annex+https://");
            default -> false;
        };
    }
}
