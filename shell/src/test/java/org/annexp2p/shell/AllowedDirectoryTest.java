package org.annexp2p.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GIT_ANNEX_SHELL_DIRECTORY: every answer git-annex-shell gave for the table directory-check.psv (recorded from
 * the real program: relative, ~/, /~/, trailing slashes, "..", doubled slashes, empty), and where we open.
 */
class AllowedDirectoryTest {

    static Stream<Arguments> recordedAnswers() throws IOException {
        try (InputStream in = AllowedDirectoryTest.class.getResourceAsStream("directory-check.psv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            assertThat(lines).hasSizeGreaterThan(50);
            return lines.stream().map(l -> l.split("\\|", -1)).map(f -> Arguments.of(f[0], f[1], f[2], f[3]));
        }
    }

    @ParameterizedTest(name = "HOME={0} DIRECTORY={1} requested={2}: {3}")
    @MethodSource("recordedAnswers")
    void answersAsGitAnnexShellDid(String home, String allowed, String requested, String answer) {
        ShellEnvironment env = ShellEnvironment.of(Map.of("HOME", home, ShellEnvironment.DIRECTORY, allowed));
        if (answer.equals("ok")) {
            AllowedDirectory.check(env, Option.some(requested));
        } else {
            assertThatThrownBy(() -> AllowedDirectory.check(env, Option.some(requested)))
                    .isInstanceOf(ShellRefusal.class).hasMessage(answer);
        }
    }

    @Test
    void withoutTheVariableEverythingPassesAndEmptyMeansTheHomeDirectory() {
        AllowedDirectory.check(ShellEnvironment.of(Map.of("HOME", "/home/u")), Option.some("/anything/../at/all"));
        ShellEnvironment empty = ShellEnvironment.of(Map.of("HOME", "/home/u", ShellEnvironment.DIRECTORY, ""));
        assertThatThrownBy(() -> AllowedDirectory.check(empty, Option.some("/srv/a")))
                .hasMessage("Only allowed to access ~/ not /srv/a");
    }

    @Test
    void aCommandLineWithoutADirectoryIsRefused() {
        ShellEnvironment env = ShellEnvironment.of(Map.of("HOME", "/home/u", ShellEnvironment.DIRECTORY, "/srv/a"));
        assertThatThrownBy(() -> AllowedDirectory.check(env, Option.none()))
                .hasMessage("Only allowed to access /srv/a and could not determine directory from command line");
    }

    @Test
    void theDirectoryOpenedIsTheAllowedOneWhateverTheClientSpelling() {
        ShellEnvironment env = ShellEnvironment.of(Map.of("HOME", "/home/u", ShellEnvironment.DIRECTORY, "/home/u/srv/a"));
        // Each passes the check; git-annex-shell would open /srv/a for the first two (~ then an absolute path)
        // and follow a symlink "link" out of the repository for the third.
        for (String spelling : List.of("~//srv/a", "/~//srv/a", "/home/u/srv/a/link/..", "srv/a/", "~/srv/a")) {
            AllowedDirectory.check(env, Option.some(spelling));
            assertThat(AllowedDirectory.repository(env, spelling)).as(spelling).isEqualTo(Path.of("/home/u/srv/a"));
        }
    }

    @Test
    void withoutTheVariableTheClientDirectoryIsOpenedFromTheHomeDirectory() {
        Map<String, String> vars = new HashMap<>(Map.of("HOME", "/home/u"));
        ShellEnvironment env = new ShellEnvironment(vars::get, user -> user.equals("other") ? "/home/other" : null);
        assertThat(AllowedDirectory.repository(env, "/srv/a")).isEqualTo(Path.of("/srv/a"));
        assertThat(AllowedDirectory.repository(env, "annex")).isEqualTo(Path.of("/home/u/annex"));
        assertThat(AllowedDirectory.repository(env, "~/annex")).isEqualTo(Path.of("/home/u/annex"));
        assertThat(AllowedDirectory.repository(env, "/~/annex")).isEqualTo(Path.of("/home/u/annex"));
        assertThat(AllowedDirectory.repository(env, "~")).isEqualTo(Path.of("/home/u"));
        assertThat(AllowedDirectory.repository(env, "/~other/annex")).isEqualTo(Path.of("/home/other/annex"));
        // No such user: git-annex keeps the whole path as written.
        assertThat(AllowedDirectory.repository(env, "/~nobody/annex")).isEqualTo(Path.of("/~nobody/annex"));
        // The allowed directory is expanded the same way.
        vars.put(ShellEnvironment.DIRECTORY, "~/annex");
        assertThat(AllowedDirectory.repository(env, "/home/u/annex/")).isEqualTo(Path.of("/home/u/annex"));
    }

    @Test
    void aVeryLongDirectoryIsAnsweredNotAStackOverflow() {
        String deep = "/srv/a" + "/x/..".repeat(200_000);
        ShellEnvironment env = ShellEnvironment.of(Map.of("HOME", "/home/u", ShellEnvironment.DIRECTORY, "/srv/a"));
        AllowedDirectory.check(env, Option.some(deep));
        assertThat(AllowedDirectory.repository(env, deep)).isEqualTo(Path.of("/srv/a"));
        assertThat(AllowedDirectory.absoluteFromHome(ShellEnvironment.of(Map.of("HOME", "/h")), "a/".repeat(200_000)))
                .startsWith("/h/a/a/");
    }
}
