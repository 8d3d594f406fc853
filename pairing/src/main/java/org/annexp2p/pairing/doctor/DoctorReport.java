package org.annexp2p.pairing.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.annexp2p.protocol.wire.ShownText;

/**
 * The doctor's report, as a table or as JSON ({@code {"checks":[{"name","status","detail"}]}}). A detail can hold
 * text from elsewhere (a path, a peer's words): the table shows it escaped, so it cannot drive a terminal.
 */
public final class DoctorReport {
    private DoctorReport() {}

    /** One table row, the name padded to {@code width}. */
    public static String row(Check c, int width) {
        return String.format(Locale.ROOT, "%-4s  %-" + width + "s  %s%n", c.status().json().toUpperCase(Locale.ROOT),
                c.name(), ShownText.of(c.detail()));
    }

    /** Whether anything failed, in one line. */
    public static String summary(List<Check> checks) {
        long failed = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        return failed == 0 ? "nothing failed\n" : failed + " check(s) failed\n";
    }

    /** Every row, names aligned, then the summary. */
    public static String table(List<Check> checks) {
        StringBuilder out = new StringBuilder();
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Check c : checks) {
            out.append(row(c, width));
        }
        return out.append(summary(checks)).toString();
    }

    public static String json(List<Check> checks) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("checks");
        for (Check c : checks) {
            list.addObject().put("name", c.name()).put("status", c.status().json()).put("detail", c.detail());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
