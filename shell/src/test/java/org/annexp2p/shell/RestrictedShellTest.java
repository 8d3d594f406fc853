package org.annexp2p.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.annexp2p.protocol.conversation.ServerMode;
import org.junit.jupiter.api.Test;

/** The restricted shell's decisions, against recorders (see {@link ShellHarness}); messages are git-annex-shell's. */
class RestrictedShellTest {
    static final String EXEC_POC = "get --exec 'sh -c \"id > ~/pwned\"' SHA256E-s1--x ./o";

    @Test
    void noToolCommandUnderDashCReachesTheTool() {
        for (String name : ShellHarness.TOOL_COMMANDS) {
            for (String command : List.of(name, name + " --help", name + " /srv/a x", "git-annex-shell " + name + " /srv/a x",
                    "git-annex-shell '" + name + "'")) {
                ShellHarness h = new ShellHarness();
                int exit = h.route("-c", command);
                assertThat(h.toolCalls).as(command).isEmpty();
                assertThat(h.remoteHelperCalls).as(command).isEmpty();
                if (!GitAnnexShell.handles(name)) {
                    assertThat(exit).as(command).isEqualTo(1);
                    assertThat(h.builtinCalls).as(command).isEmpty();
                }
            }
        }
    }

    @Test
    void underLimitedOrDirectoryNoToolCommandRunsEvenWithoutDashC() {
        for (String variable : List.of(ShellEnvironment.LIMITED, ShellEnvironment.DIRECTORY)) {
            for (String name : ShellHarness.TOOL_COMMANDS) {
                if (GitAnnexShell.handles(name)) {
                    continue;
                }
                ShellHarness h = new ShellHarness().with(variable, "/srv/a");
                assertThat(h.route(name, "--repo", "/srv/other")).isEqualTo(1);
                assertThat(h.toolCalls).isEmpty();
                assertThat(h.gitShellCalls).isEmpty();
                assertThat(h.message()).isEqualTo(name + " is refused: " + variable
                        + " is set, so annex-p2p runs only as git-annex-shell (p2pstdio, configlist)");
            }
            ShellHarness h = new ShellHarness().with(variable, "/srv/a");
            assertThat(h.route("git-remote-tor-annex", "origin", "tor-annex::x.onion:1")).isEqualTo(1);
            assertThat(h.remoteHelperCalls).isEmpty();
        }
    }

    @Test
    void anEmptyDirectoryVariableStillConfines() {
        ShellHarness h = new ShellHarness().with(ShellEnvironment.DIRECTORY, "");
        assertThat(h.route("token", "--repo", "/home/u")).isEqualTo(1);
        assertThat(h.toolCalls).isEmpty();
    }

    @Test
    void theExecProofOfConceptNeverReachesTheToolAndIsRefusedAsGitAnnexShellRefusesIt() {
        ShellHarness both = new ShellHarness().with(ShellEnvironment.READONLY, "1").with(ShellEnvironment.LIMITED, "1")
                .with(ShellEnvironment.DIRECTORY, "/srv/a");
        assertThat(both.route("-c", EXEC_POC)).isEqualTo(1);
        assertThat(both.message()).isEqualTo("Only allowed to access /srv/a not ~/o");
        ShellHarness limited = new ShellHarness().with(ShellEnvironment.LIMITED, "1");
        assertThat(limited.route("-c", EXEC_POC)).isEqualTo(1);
        assertThat(limited.message()).isEqualTo("Action blocked by GIT_ANNEX_SHELL_LIMITED");
        for (ShellHarness h : List.of(both, limited)) {
            assertThat(h.toolCalls).isEmpty();
            assertThat(h.gitShellCalls).isEmpty();
            assertThat(h.builtinCalls).isEmpty();
        }
        // Unrestricted: handed to git-shell, whole, as git-annex-shell does (git-shell refuses it).
        ShellHarness open = new ShellHarness();
        assertThat(open.route("-c", EXEC_POC)).isEqualTo(1);
        assertThat(open.gitShellCalls).containsExactly(List.of("-c", EXEC_POC));
        assertThat(open.message()).isEqualTo("git-shell failed");
        assertThat(open.toolCalls).isEmpty();
    }

    @Test
    void theTokenProofOfConceptNeverReachesTheTool() {
        ShellHarness h = new ShellHarness();
        assertThat(h.route("-c", "token --repo /srv/other")).isEqualTo(1);
        assertThat(h.toolCalls).isEmpty();
        assertThat(h.gitShellCalls).containsExactly(List.of("-c", "token --repo /srv/other"));
    }

    @Test
    void theDirectoryVariableConfinesP2pstdioAndConfiglistWithOrWithoutDashC() {
        for (String[] argv : List.of(new String[] {"-c", "git-annex-shell 'p2pstdio' '/srv/b' 'UUID'"},
                new String[] {"p2pstdio", "/srv/b", "UUID"}, new String[] {"-c", "p2pstdio", "/srv/b", "UUID"},
                new String[] {"-c", "git-annex-shell 'configlist' '/srv/a/../b'"}, new String[] {"configlist", "/srv/b"})) {
            ShellHarness h = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
            assertThat(h.route(argv)).as(String.join(" ", argv)).isEqualTo(1);
            assertThat(h.message()).isEqualTo("Only allowed to access /srv/a not /srv/b");
            assertThat(h.builtinCalls).isEmpty();
        }
        ShellHarness h = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
        assertThat(h.route("-c", "git-annex-shell 'p2pstdio' '/srv/b/../a/' '--debug' 'UUID' '--uuid' 'S' -- 'remoteuuid=x' --")).isZero();
        assertThat(h.builtinCalls).hasSize(1);
        ShellHarness.BuiltinCall call = h.builtinCalls.get(0);
        assertThat(call.command()).isEqualTo("p2pstdio");
        assertThat(call.repository()).isEqualTo(Path.of("/srv/a"));
        assertThat(call.spelt()).isEqualTo("/srv/b/../a/");
        assertThat(call.args().params()).containsExactly("UUID");
        assertThat(call.args().uuid().get()).isEqualTo("S");
        assertThat(call.args().debug()).isTrue();
    }

    @Test
    void aRefusedDirectoryIsShownEscapedOnOneLine() {
        // The client chooses the directory; its refusal must not move the cursor, retitle, or add a line of "ours".
        String hostile = "/srv/b\u001b]52;c;eA==\u0007\r\nannex-p2p: ok \u202etxt.exe";
        for (String[] argv : List.of(new String[] {"-c", "git-annex-shell 'configlist' '" + hostile + "'"},
                new String[] {"p2pstdio", hostile, "UUID"}, new String[] {"-c", "git-upload-pack '" + hostile + "'"})) {
            ShellHarness h = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
            assertThat(h.route(argv)).isEqualTo(1);
            assertThat(h.err()).isEqualTo("annex-p2p: Only allowed to access /srv/a not "
                    + "/srv/b\\x1b]52;c;eA==\\x07\\x0d\\x0aannex-p2p: ok \\u202etxt.exe\n");
            assertThat(h.builtinCalls).isEmpty();
            assertThat(h.gitShellCalls).isEmpty();
        }
    }

    @Test
    void directInvocationOutsideAShellStillGoesThroughTheShell() {
        ShellHarness h = new ShellHarness();
        assertThat(h.route("p2pstdio", "/srv/a", "UUID")).isZero();
        assertThat(h.builtinCalls).extracting(ShellHarness.BuiltinCall::repository).containsExactly(Path.of("/srv/a"));
        assertThat(h.toolCalls).isEmpty();
        // Help is the tool's, outside a shell.
        ShellHarness help = new ShellHarness();
        help.route("p2pstdio", "--help");
        assertThat(help.toolCalls).containsExactly(List.of("p2pstdio", "--help"));
        assertThat(help.builtinCalls).isEmpty();
        ShellHarness tool = new ShellHarness();
        tool.route("get", "--help");
        assertThat(tool.toolCalls).containsExactly(List.of("get", "--help"));
    }

    @Test
    void badParametersAsGitAnnexShell() {
        for (String[] argv : List.of(new String[] {"-c"}, new String[] {"-c", "-c"}, new String[] {"-c", "git-annex-shell "},
                new String[] {"-c", "git-annex-shell 'p2pstdio'"}, new String[] {"-c", "sendkey"}, new String[] {"p2pstdio"},
                new String[] {"-c", "configlist"})) {
            ShellHarness h = new ShellHarness();
            assertThat(h.route(argv)).as(String.join(" ", argv)).isEqualTo(1);
            assertThat(h.message()).isEqualTo("bad parameters");
            assertThat(h.err()).contains("Usage: annex-p2p [-c] command");
            assertThat(h.gitShellCalls).isEmpty();
            assertThat(h.builtinCalls).isEmpty();
        }
    }

    @Test
    void aLoginShellWithNoCommandGetsBadParametersNotTheTool() {
        ShellHarness h = new ShellHarness().with("SSH_CONNECTION", "127.0.0.1 50000 127.0.0.1 22");
        assertThat(h.route()).isEqualTo(1);
        assertThat(h.message()).isEqualTo("bad parameters");
        assertThat(h.toolCalls).isEmpty();
        // Outside ssh, no arguments is the tool's usage.
        ShellHarness local = new ShellHarness();
        local.route();
        assertThat(local.toolCalls).containsExactly(List.of());
    }

    @Test
    void gitAnnexShellCommandsWeDoNotImplementAreRefusedInOneLine() {
        for (String cmd : List.of("inannex", "sendkey", "recvkey", "dropkey", "notifychanges", "gcryptsetup")) {
            ShellHarness h = new ShellHarness();
            assertThat(h.route("-c", "git-annex-shell '" + cmd + "' '/srv/a' 'KEY'")).isEqualTo(1);
            assertThat(h.message()).startsWith(cmd + " is not supported: annex-p2p implements only p2pstdio and configlist");
            assertThat(h.err().lines()).hasSize(1);
            assertThat(h.gitShellCalls).isEmpty();
            assertThat(h.builtinCalls).isEmpty();
        }
        // git-annex-shell's own checks come first, with its messages.
        ShellHarness ro = new ShellHarness().with(ShellEnvironment.READONLY, "1");
        ro.route("-c", "git-annex-shell 'recvkey' '/srv/a' 'KEY'");
        assertThat(ro.message()).isEqualTo("Action blocked by GIT_ANNEX_SHELL_READONLY");
        ShellHarness ao = new ShellHarness().with(ShellEnvironment.APPENDONLY, "1");
        ao.route("-c", "git-annex-shell 'dropkey' '/srv/a' 'KEY'");
        assertThat(ao.message()).isEqualTo("Action blocked by GIT_ANNEX_SHELL_APPENDONLY");
        ShellHarness dir = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
        dir.route("-c", "git-annex-shell 'inannex' '/srv/b' 'KEY'");
        assertThat(dir.message()).isEqualTo("Only allowed to access /srv/a not /srv/b");
    }

    @Test
    void switchesAreOnOnlyWhenSetAndNotEmpty() {
        ShellHarness h = new ShellHarness().with(ShellEnvironment.LIMITED, "").with(ShellEnvironment.READONLY, "");
        assertThat(h.route("-c", "git-receive-pack '/srv/a'")).isEqualTo(1);
        assertThat(h.gitShellCalls).containsExactly(List.of("-c", "git-receive-pack '/srv/a'"));
        assertThat(GitAnnexShell.modeFrom(ShellEnvironment.of(Map.of(ShellEnvironment.READONLY, ""))))
                .isEqualTo(ServerMode.READ_WRITE);
        assertThat(GitAnnexShell.modeFrom(ShellEnvironment.of(Map.of(ShellEnvironment.APPENDONLY, "x",
                ShellEnvironment.READONLY, "x")))).isEqualTo(ServerMode.READ_ONLY);
    }

    @Test
    void gitPullAndPushGoToGitShellWithGitAnnexShellsChecks() {
        ShellHarness h = new ShellHarness();
        h.gitShellExit = 0;
        assertThat(h.route("-c", "git-upload-pack '/srv/a'")).isZero();
        assertThat(h.gitShellCalls).containsExactly(List.of("-c", "git-upload-pack '/srv/a'"));
        ShellHarness limited = new ShellHarness().with(ShellEnvironment.LIMITED, "1");
        assertThat(limited.route("-c", "git-upload-pack '/srv/a'")).isEqualTo(1);
        assertThat(limited.message()).isEqualTo("Action blocked by GIT_ANNEX_SHELL_LIMITED");
        assertThat(limited.gitShellCalls).isEmpty();
        ShellHarness outside = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
        assertThat(outside.route("-c", "git-upload-pack '/srv/b'")).isEqualTo(1);
        assertThat(outside.message()).isEqualTo("Only allowed to access /srv/a not /srv/b");
        ShellHarness none = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
        assertThat(none.route("-c", "")).isEqualTo(1);
        assertThat(none.message()).isEqualTo("Only allowed to access /srv/a and could not determine directory from command line");
        ShellHarness failing = new ShellHarness();
        assertThat(failing.route("-c", "git-upload-pack '/srv/a'")).isEqualTo(1);
        assertThat(failing.message()).isEqualTo("git-shell failed");
    }

    @Test
    void readOnlyAndAppendOnlyLetOnlyReadingGitCommandsThrough() {
        for (String variable : List.of(ShellEnvironment.READONLY, ShellEnvironment.APPENDONLY)) {
            for (String push : List.of("git-receive-pack '/srv/a'", "git receive-pack '/srv/a'", "git\treceive-pack '/srv/a'",
                    "git-receive-pack", "cvs server", "my-command /srv/a")) {
                ShellHarness h = new ShellHarness().with(variable, "1");
                assertThat(h.route("-c", push)).as(push).isEqualTo(1);
                assertThat(h.message()).isEqualTo("Action blocked by " + variable
                        + ": only git-upload-pack and git-upload-archive are passed to git-shell then");
                assertThat(h.gitShellCalls).isEmpty();
            }
            for (String pull : List.of("git-upload-pack '/srv/a'", "git upload-pack '/srv/a'", "git-upload-archive '/srv/a'")) {
                ShellHarness h = new ShellHarness().with(variable, "1");
                h.gitShellExit = 0;
                assertThat(h.route("-c", pull)).as(pull).isZero();
                assertThat(h.gitShellCalls).containsExactly(List.of("-c", pull));
            }
        }
    }

    @Test
    void aGitCommandsDirectoryIsCheckedAsGitShellReadsItAndHandedOnAsTheAllowedOne() {
        // git-annex-shell checks the last word by its own splitting ("/srv/a"); git reads one quoted argument.
        ShellHarness divergent = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
        assertThat(divergent.route("-c", "git-upload-pack '/srv/b/x'\\'' /srv/a'")).isEqualTo(1);
        assertThat(divergent.message()).isEqualTo("Only allowed to access /srv/a not /srv/b/x' /srv/a");
        assertThat(divergent.gitShellCalls).isEmpty();
        // A spelling that passes is replaced by the allowed directory: "link/.." would follow a symlink.
        for (String spelling : List.of("'/srv/a/link/..'", "'/srv/b/../a/'", "'/srv/a'")) {
            ShellHarness h = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
            h.gitShellExit = 0;
            assertThat(h.route("-c", "git upload-pack " + spelling)).as(spelling).isZero();
            assertThat(h.gitShellCalls).containsExactly(List.of("-c", "git-upload-pack '/srv/a'"));
        }
        // An argument git would refuse is passed as it is, for git-shell to refuse.
        ShellHarness unquoted = new ShellHarness().with(ShellEnvironment.DIRECTORY, "/srv/a");
        unquoted.route("-c", "git-upload-pack /srv/a");
        assertThat(unquoted.gitShellCalls).containsExactly(List.of("-c", "git-upload-pack /srv/a"));
    }

    @Test
    void gitShellReadsCommandsAsGitDoes() {
        assertThat(GitShellCommand.dequote("'/srv/a'").get()).isEqualTo("/srv/a");
        assertThat(GitShellCommand.dequote("'a'\\''b'\\!'c'").get()).isEqualTo("a'b!c");
        assertThat(GitShellCommand.dequote("/srv/a")).isEmpty();
        assertThat(GitShellCommand.dequote("'a' 'b'")).isEmpty();
        assertThat(GitShellCommand.dequote("'a")).isEmpty();
        assertThat(GitShellCommand.dequote("'a'\\x'")).isEmpty();
        assertThat(GitShellCommand.quote("it's!")).isEqualTo("'it'\\''s'\\!''");
        assertThat(GitShellCommand.parse("git-upload-packx '/a'").name()).isEmpty();
        assertThat(GitShellCommand.parse("git\u000bupload-pack '/a'").name()).isEmpty();
        assertThat(GitShellCommand.parse("git\nupload-pack '/a'").name().get()).isEqualTo("git-upload-pack");
        assertThat(GitShellCommand.parse("git-upload-pack '-x'").directory()).isEmpty();
    }

    @Test
    void leadingDashCOptionsAreSkippedAndTheStringSplitAsGitAnnexShellSplitsIt() {
        ShellHarness h = new ShellHarness();
        assertThat(h.route("-c", "-c", "git-annex-shell configlist \"/srv/a b\"")).isZero();
        assertThat(h.builtinCalls).extracting(ShellHarness.BuiltinCall::repository).containsExactly(Path.of("/srv/a b"));
        // No backslash escapes: the word is "/srv/a\", then "b" is a parameter.
        ShellHarness bs = new ShellHarness();
        bs.route("-c", "git-annex-shell configlist /srv/a\\ b");
        assertThat(bs.builtinCalls).extracting(ShellHarness.BuiltinCall::spelt).containsExactly("/srv/a\\");
        assertThat(bs.builtinCalls.get(0).args().params()).containsExactly("b");
    }
}
