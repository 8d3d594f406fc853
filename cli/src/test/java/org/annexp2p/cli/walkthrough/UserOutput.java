package org.annexp2p.cli.walkthrough;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.annexp2p.cli.interop.GitAnnex;

/**
 * What a user must never see from the tool, whatever happened: a stack trace, an exception's class name, a Java
 * record or Either/Option dump, a prefix said twice ("annex-p2p: annex-p2p: ..."), or an error spread over several lines.
 */
final class UserOutput {
    private UserOutput() {}

    private static final List<String> NEVER = List.of("Exception", "\tat ", "Completed[", "Right(", "Left(", "Some(");
    /** Two equal consecutive "X: " segments at a line's start: "annex-p2p: annex-p2p:", "could not get: could not get:". */
    private static final Pattern SAID_TWICE = Pattern.compile("(?m)^(?:[^:\\n]+: )*?([^:\\n]+): \\1:");
    /** What continues an error the way a stack trace does. */
    private static final Pattern STACK_LIKE = Pattern.compile("^(\\s+at |\\s+\\.\\.\\. \\d+ more|Caused by|\\s+Suppressed)");

    /** Checks a finished command's stdout and stderr; returns it for further checks. */
    static GitAnnex.Result assertClean(GitAnnex.Result r, String command) {
        assertClean(r.out(), command + " (stdout)");
        assertClean(r.err(), command + " (stderr)");
        return r;
    }

    /** Checks text one stream (or both, interleaved) of {@code command} printed. */
    static void assertClean(String said, String command) {
        for (String never : NEVER) {
            assertThat(said).as("%s printed %s:%n%s", command, never.strip(), said).doesNotContain(never);
        }
        assertThat(SAID_TWICE.matcher(said).find()).as("%s repeats a prefix:%n%s", command, said).isFalse();
        List<String> lines = said.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("annex-p2p:")) {
                assertThat(lines.get(i).substring("annex-p2p:".length()).strip()).as("%s: an empty error line:%n%s", command, said)
                        .isNotEmpty();
                if (i + 1 < lines.size()) {
                    assertThat(STACK_LIKE.matcher(lines.get(i + 1)).find())
                            .as("%s: an error continued like a stack trace:%n%s", command, said).isFalse();
                }
            }
        }
    }

    /** A failure told in exactly one line on stderr, starting {@code annex-p2p:}; returns that line. */
    static String oneErrorLine(GitAnnex.Result r, String command) {
        assertClean(r, command);
        List<String> lines = r.err().strip().lines().toList();
        assertThat(lines).as("%s: stderr should be one line:%n%s", command, r.err()).hasSize(1);
        assertThat(lines.get(0)).as(command).startsWith("annex-p2p: ");
        return lines.get(0);
    }
}
