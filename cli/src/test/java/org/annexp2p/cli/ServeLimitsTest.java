package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** serve's limits on unauthenticated peers: documented in --help with their defaults, bad values refused in one line. */
class ServeLimitsTest {
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @Test
    void helpDocumentsTheLimitsAndTheirDefaults() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("serve", "--help")).isZero();
        } finally {
            System.setOut(out);
        }
        String help = captured.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        assertThat(help).contains("--auth-timeout=SECONDS").contains("within SECONDS of connecting").contains("(default: 30)")
                .contains("--max-unauthenticated=N").contains("(default: the same as --max-connections)")
                .contains("--max-unauthenticated-per-address=N").contains("IPv6 /64 (default: 8)")
                .contains("Peers still authenticating never take one of these");
    }

    @Test
    void badLimitsAreUsageErrorsInOneLine() {
        String[][] bad = {
            {"--auth-timeout", "0", "--auth-timeout must be from 1 to 86400 seconds"},
            {"--auth-timeout", "86401", "--auth-timeout must be from 1 to 86400 seconds"},
            {"--max-unauthenticated", "0", "--max-unauthenticated must be at least 1"},
            {"--max-unauthenticated-per-address", "0", "--max-unauthenticated-per-address must be at least 1"},
        };
        for (String[] b : bad) {
            int before = err.text().length();
            assertThat(Main.run("serve", "--repo", "/nonexistent/annex-p2p-test", "--listen", "127.0.0.1:0", b[0], b[1]))
                    .as("%s %s", b[0], b[1]).isEqualTo(2);
            String said = err.text().substring(before);
            assertThat(said).contains(b[2]).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(said.strip().lines()).as("one line: %s", said).hasSize(1);
        }
    }
}
