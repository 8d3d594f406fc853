package org.annexp2p.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The shell's word splitting (git-annex-shell's shellUnEscape) and git's quoting, and the one promise of the
 * restricted shell: whatever the command line and switches, annex-p2p's own commands are never reached, and the
 * switches hold.
 */
class RestrictedShellProperties {

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(" '\"\\\n\t$`!~/a-").ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of(ShellHarness.TOOL_COMMANDS),
                Arbitraries.of("p2pstdio", "configlist", "git-annex-shell", "-c", "--", "--uuid", "--debug", "/srv/a",
                        "/srv/b", "~/a", "/~/a", "/srv/a/..", "git-upload-pack", "git-receive-pack", "inannex",
                        "git-remote-tor-annex", "'/srv/a'", "'/srv/b'"));
    }

    @Provide
    Arbitrary<List<String>> wordLists() {
        return words().list().ofMaxSize(7);
    }

    @Property
    void quotedWordsSplitBackIntoTheSameWords(@ForAll("wordLists") List<String> words) {
        String line = String.join(" ", words.stream().map(ShellWords::quote).toList());
        assertThat(ShellWords.split(line)).isEqualTo(words);
    }

    @Property
    void withoutQuotesEverySpaceEndsAWord(@ForAll("words") String s) {
        String unquoted = s.replace("'", "").replace("\"", "");
        List<String> expected = new ArrayList<>(Arrays.asList(unquoted.split(" ", -1)));
        if (unquoted.isEmpty() || unquoted.endsWith(" ")) {
            expected.remove(expected.size() - 1);
        }
        assertThat(ShellWords.split(unquoted)).isEqualTo(expected);
    }

    @Property
    void gitsQuotingReadsBack(@ForAll("words") String s) {
        assertThat(GitShellCommand.dequote(GitShellCommand.quote(s)).get()).isEqualTo(s);
    }

    /** The resident server serves what isShell accepts: exactly what route would run as the shell. */
    @Property(tries = 2000)
    void isShellIsRoutesDecision(@ForAll("wordLists") List<String> argv, @ForAll boolean limited, @ForAll boolean directory,
            @ForAll boolean ssh) {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        if (limited) {
            env.put(ShellEnvironment.LIMITED, "1");
        }
        if (directory) {
            env.put(ShellEnvironment.DIRECTORY, "/srv/a");
        }
        if (ssh) {
            env.put("SSH_CONNECTION", "1 2 3 4");
        }
        int routed = Invocation.route(argv, ShellEnvironment.of(env), new Invocation.Routes(a -> 101, a -> 102, a -> 103,
                java.util.Set.copyOf(ShellHarness.TOOL_COMMANDS)), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThat(RestrictedShell.isShell(argv, env, java.util.Set.copyOf(ShellHarness.TOOL_COMMANDS))).isEqualTo(routed == 101);
    }

    @Property(tries = 2000)
    void noCommandLineReachesTheToolAndTheSwitchesHold(@ForAll("wordLists") List<String> words,
            @ForAll boolean asOneString, @ForAll boolean prefixed, @ForAll boolean limited, @ForAll boolean readOnly,
            @ForAll boolean directory) {
        ShellHarness h = new ShellHarness();
        h.gitShellExit = 0;
        if (limited) {
            h.with(ShellEnvironment.LIMITED, "1");
        }
        if (readOnly) {
            h.with(ShellEnvironment.READONLY, "1");
        }
        if (directory) {
            h.with(ShellEnvironment.DIRECTORY, "/srv/a");
        }
        List<String> argv = new ArrayList<>(List.of("-c"));
        if (asOneString) {
            String line = String.join(" ", words.stream().map(ShellWords::quote).toList());
            argv.add(prefixed ? "git-annex-shell " + line : line);
        } else {
            argv.addAll(words);
        }
        h.route(argv.toArray(String[]::new));
        assertSwitchesHeld(h, limited, readOnly, directory);
        if (limited || directory) {
            // Confined by the environment: the same without -c.
            ShellHarness direct = new ShellHarness();
            direct.variables.putAll(h.variables);
            direct.gitShellExit = 0;
            direct.route(words.toArray(String[]::new));
            assertSwitchesHeld(direct, limited, readOnly, directory);
        }
    }

    private static void assertSwitchesHeld(ShellHarness h, boolean limited, boolean readOnly, boolean directory) {
        assertThat(h.toolCalls).isEmpty();
        assertThat(h.remoteHelperCalls).isEmpty();
        assertThat(h.builtinCalls).hasSizeLessThanOrEqualTo(1);
        if (limited) {
            assertThat(h.gitShellCalls).isEmpty();
        }
        for (List<String> call : h.gitShellCalls) {
            assertThat(call.get(0)).isEqualTo("-c");
            GitShellCommand git = GitShellCommand.parse(call.size() == 2 ? call.get(1) : "");
            if (readOnly) {
                assertThat(git.readsOnly()).as("%s", call).isTrue();
            }
            if (directory && git.opensRepository() && git.directory().isDefined()) {
                assertThat(git.directory().get()).as("%s", call).isEqualTo("/srv/a");
            }
        }
        if (directory) {
            assertThat(h.builtinCalls).allSatisfy(c -> assertThat(c.repository()).isEqualTo(Path.of("/srv/a")));
        }
    }
}
