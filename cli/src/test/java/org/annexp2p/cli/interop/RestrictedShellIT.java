package org.annexp2p.cli.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.annexp2p.testkit.annex.GitAnnexVersions;
import org.annexp2p.testkit.process.Command;
import org.annexp2p.testkit.process.Finished;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the same command strings, environment and stdin through the real {@code git-annex-shell -c} of both
 * git-annex releases and through the packaged {@code annex-p2p -c}: same exit code, same message after the
 * program's name (git-annex-shell 10.20230126 prints "git-annex-shell: ", the newer one "git-annex: ", we
 * "annex-p2p: "). Where we are deliberately stricter, the test says so and shows the difference.
 */
class RestrictedShellIT {
    @TempDir
    static Path home;
    static Path allowed;
    static Path other;
    static List<GitAnnexVersions.Release> releases;
    static final String CLIENT = "5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11";
    static final String KEY = "SHA256E-s3--ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    record Ran(int exit, String out, String err) {
        /** stderr with each line's program name taken off. */
        String messages() {
            return err.lines().map(l -> l.replaceFirst("^(git-annex-shell|git-annex|annex-p2p): ", ""))
                    .reduce((a, b) -> a + "\n" + b).orElse("");
        }

        String firstMessage() {
            return messages().lines().findFirst().orElse("");
        }
    }

    @BeforeAll
    static void repositories() throws Exception {
        releases = GitAnnexVersions.both();
        allowed = GitAnnex.initRepo(home.resolve("a"), "allowed");
        other = GitAnnex.initRepo(home.resolve("b"), "other");
    }

    static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static Ran run(List<String> argv, Map<String, String> env, String path, byte[] stdin) throws IOException {
        // Only what each case sets: none of the switches may leak in from the environment the tests run in.
        String[] leaking = System.getenv().keySet().stream()
                .filter(k -> k.startsWith("GIT_ANNEX_SHELL_") || k.startsWith("SSH_")).toArray(String[]::new);
        Command c = Command.of(argv).in(home).without(leaking).env("HOME", home.toString()).env("PATH", path).env(env);
        Finished r = (stdin == null ? c : c.stdin(stdin)).run(Duration.ofMinutes(2));
        return new Ran(r.exit(), r.out(), r.err());
    }

    static Ran ours(Map<String, String> env, byte[] stdin, String... args) throws IOException {
        return ours(System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), env, stdin, args);
    }

    /** With {@code path} as the shell's PATH (java itself is found on this JVM's). */
    static Ran ours(String path, Map<String, String> env, byte[] stdin, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", AnnexP2p.jar().toString()));
        argv.addAll(List.of(args));
        return run(argv, env, path, stdin);
    }

    static Ran theirs(GitAnnexVersions.Release r, Map<String, String> env, byte[] stdin, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(r.gitAnnexShell().toString()));
        argv.addAll(List.of(args));
        return run(argv, env, r.path(), stdin);
    }

    /** Ours and both releases': same exit code and the same messages; returns ours. */
    static Ran same(Map<String, String> env, String... args) throws IOException {
        return same(env, new byte[0], args);
    }

    static Ran same(Map<String, String> env, byte[] stdin, String... args) throws IOException {
        Ran ours = ours(env, stdin, args);
        for (GitAnnexVersions.Release r : releases) {
            Ran theirs = theirs(r, env, stdin, args);
            String what = r.name() + " " + env + " " + String.join(" ", args);
            assertThat(ours.exit()).as("exit code, %s; ours: %s theirs: %s", what, ours.err(), theirs.err())
                    .isEqualTo(theirs.exit());
            assertThat(ours.messages()).as("messages, %s", what).isEqualTo(theirs.messages());
        }
        return ours;
    }

    @Test
    void theExecProofOfConceptIsRefusedAlikeAndRunsNothing() throws Exception {
        Path marker = home.resolve("pwned");
        String poc = "get --exec 'sh -c \"id > " + marker + "\"' SHA256E-s1--x ./o";
        Ran confined = same(env("GIT_ANNEX_SHELL_READONLY", "1", "GIT_ANNEX_SHELL_LIMITED", "1",
                "GIT_ANNEX_SHELL_DIRECTORY", allowed.toString()), "-c", poc);
        assertThat(confined.firstMessage()).isEqualTo("Only allowed to access ~/a not ~/o");
        Ran limited = same(env("GIT_ANNEX_SHELL_LIMITED", "1"), "-c", poc);
        assertThat(limited.firstMessage()).isEqualTo("Action blocked by GIT_ANNEX_SHELL_LIMITED");
        // Unconfined: both hand it to git-shell, which knows no such command.
        Ran open = same(env(), "-c", poc);
        assertThat(open.messages()).endsWith("git-shell failed").contains("fatal: unrecognized command");
        assertThat(marker).as("the program named by --exec ran").doesNotExist();
    }

    @Test
    void theTokenProofOfConceptIssuesNothing() throws Exception {
        Ran r = same(env(), "-c", "token --repo " + allowed);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(allowed.resolve(".git/annex/creds/p2pauth")).doesNotExist();
    }

    @Test
    void aDirectoryOutsideTheAllowedOneIsRefusedAlikeHoweverSpelt() throws Exception {
        Map<String, String> env = env("GIT_ANNEX_SHELL_DIRECTORY", allowed.toString());
        for (String spelling : List.of(other.toString(), "b", "~/b", "/~/b", other + "/", allowed + "/../b", "b/", "~/a/..",
                allowed + "/..", "a/../b")) {
            Ran r = same(env, "-c", "git-annex-shell 'p2pstdio' '" + spelling + "' '" + CLIENT + "'");
            assertThat(r.exit()).as(spelling).isEqualTo(1);
            assertThat(r.firstMessage()).as(spelling).startsWith("Only allowed to access ~/a not ");
        }
        // configlist is checked alike, and so is each command without -c.
        same(env, "-c", "git-annex-shell 'configlist' '~/b'");
        same(env, "configlist", allowed + "/../b");
        same(env, "p2pstdio", "/~/b", CLIENT);
    }

    @Test
    void configlistInsideTheAllowedDirectoryTellsTheSameUuidHoweverSpelt() throws Exception {
        Map<String, String> env = env("GIT_ANNEX_SHELL_DIRECTORY", allowed.toString());
        String uuidLine = "annex.uuid=" + GitAnnex.uuid(allowed);
        for (String spelling : List.of(allowed.toString(), "a", "~/a", "/~/a", allowed + "/", "b/../a", allowed + "/./")) {
            Ran ours = ours(env, new byte[0], "-c", "git-annex-shell 'configlist' '" + spelling + "'");
            for (GitAnnexVersions.Release r : releases) {
                Ran theirs = theirs(r, env, new byte[0], "-c", "git-annex-shell 'configlist' '" + spelling + "'");
                assertThat(theirs.out().lines().findFirst()).as(r.name() + " " + spelling).contains(uuidLine);
            }
            assertThat(ours.exit()).as(spelling).isZero();
            assertThat(ours.out().lines().findFirst()).as(spelling).contains(uuidLine);
        }
    }

    @Test
    void limitedRefusesGitUploadPackAlike() throws Exception {
        Ran r = same(env("GIT_ANNEX_SHELL_LIMITED", "1"), "-c", "git-upload-pack '" + allowed + "'");
        assertThat(r.firstMessage()).isEqualTo("Action blocked by GIT_ANNEX_SHELL_LIMITED");
    }

    @Test
    void gitUploadPackInTheAllowedDirectoryReachesTheSameRepositoryThroughGitShell() throws Exception {
        Map<String, String> env = env("GIT_ANNEX_SHELL_DIRECTORY", allowed.toString(), "GIT_ANNEX_SHELL_READONLY", "1");
        for (String spelling : List.of(allowed.toString(), "~/a")) {
            // No client on stdin: git advertises its refs and fails at the end of input, as does git-annex-shell.
            Ran ours = same(env, "-c", "git-upload-pack '" + spelling + "'");
            assertThat(ours.out()).contains("refs/heads/git-annex");
            for (GitAnnexVersions.Release r : releases) {
                assertThat(ours.out()).isEqualTo(theirs(r, env, new byte[0], "-c", "git-upload-pack '" + spelling + "'").out());
            }
        }
    }

    @Test
    void aGitShellThatCannotStartIsSaidInOneLine() throws Exception {
        // git-annex-shell says only that git-shell failed; git's client then says it could not read from the remote.
        Path empty = Files.createDirectories(home.resolve("no-git-here"));
        Ran r = ours(empty.toString(), env(), new byte[0], "-c", "git-upload-pack '" + allowed + "'");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("annex-p2p: cannot start git-shell on this PATH (not found, or not executable): git"
                + " provides it; install git there, or make it reachable on that PATH\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownCommandsGoToGitShellAlike() throws Exception {
        Ran r = same(env(), "-c", "foo");
        assertThat(r.messages()).isEqualTo("fatal: unrecognized command 'foo'\ngit-shell failed");
    }

    @Test
    void noCommandIsBadParametersAlike() throws Exception {
        for (String[] argv : List.of(new String[] {"-c"}, new String[] {"-c", "git-annex-shell "},
                new String[] {"-c", "git-annex-shell 'p2pstdio'"})) {
            Ran ours = ours(env(), new byte[0], argv);
            for (GitAnnexVersions.Release r : releases) {
                Ran theirs = theirs(r, env(), new byte[0], argv);
                assertThat(ours.exit()).isEqualTo(theirs.exit()).isEqualTo(1);
                // The usage that follows lists each program's own commands.
                assertThat(ours.firstMessage()).isEqualTo(theirs.firstMessage()).isEqualTo("bad parameters");
            }
        }
        // A login shell: sshd starts it with no arguments at all.
        Map<String, String> login = env("SSH_CONNECTION", "127.0.0.1 50000 127.0.0.1 22");
        Ran ours = ours(login, new byte[0]);
        for (GitAnnexVersions.Release r : releases) {
            Ran theirs = theirs(r, login, new byte[0]);
            assertThat(ours.exit()).isEqualTo(theirs.exit()).isEqualTo(1);
            assertThat(ours.firstMessage()).isEqualTo(theirs.firstMessage()).isEqualTo("bad parameters");
        }
    }

    @Test
    void p2pstdioWithoutTheClientUuidAlike() throws Exception {
        Ran r = same(env(), "-c", "git-annex-shell 'p2pstdio' '" + allowed + "'");
        assertThat(r.firstMessage()).isEqualTo("missing UUID parameter");
    }

    @Test
    void readOnlyP2pstdioRefusesAPutAlike() throws Exception {
        byte[] stdin = ("VERSION 1\nPUT file " + KEY + "\n").getBytes(StandardCharsets.US_ASCII);
        Map<String, String> env = env("GIT_ANNEX_SHELL_READONLY", "1", "GIT_ANNEX_SHELL_DIRECTORY", allowed.toString());
        Ran ours = same(env, stdin, "-c", "git-annex-shell 'p2pstdio' '" + allowed + "' '" + CLIENT + "'");
        assertThat(ours.out().lines().toList()).containsExactly("AUTH-SUCCESS " + GitAnnex.uuid(allowed), "VERSION 1",
                "ERROR this repository is read-only; write access denied");
        for (GitAnnexVersions.Release r : releases) {
            assertThat(theirs(r, env, stdin, "-c", "git-annex-shell 'p2pstdio' '" + allowed + "' '" + CLIENT + "'").out())
                    .isEqualTo(ours.out());
        }
    }

    /**
     * Stricter than git-annex-shell: it lets git-receive-pack (git push) through to git-shell under
     * GIT_ANNEX_SHELL_READONLY unless _LIMITED is also set, so a "read-only" key can still push git history. We refuse.
     */
    @Test
    void readOnlyRefusesGitReceivePackWhereGitAnnexShellRunsIt() throws Exception {
        Map<String, String> env = env("GIT_ANNEX_SHELL_READONLY", "1");
        String push = "git-receive-pack '" + allowed + "'";
        Ran ours = ours(env, new byte[0], "-c", push);
        assertThat(ours.exit()).isEqualTo(1);
        assertThat(ours.firstMessage()).isEqualTo("Action blocked by GIT_ANNEX_SHELL_READONLY: only git-upload-pack and "
                + "git-upload-archive are passed to git-shell then");
        assertThat(ours.out()).isEmpty();
        for (GitAnnexVersions.Release r : releases) {
            Ran theirs = theirs(r, env, new byte[0], "-c", push);
            assertThat(theirs.out()).as(r.name() + " ran git-receive-pack").contains("report-status");
        }
    }

    /**
     * Stricter than git-annex-shell: with GIT_ANNEX_SHELL_DIRECTORY=$HOME/X the spelling ~//X passes its check, and
     * it then opens /X, another repository. We open the allowed directory itself.
     */
    @Test
    void aSpellingThatPassesTheCheckOpensTheAllowedDirectoryNotAnother() throws Exception {
        Path nested = GitAnnex.initRepo(home.resolve(other.toString().substring(1)), "nested");
        Map<String, String> env = env("GIT_ANNEX_SHELL_DIRECTORY", nested.toString());
        String command = "git-annex-shell 'configlist' '~/" + other + "'";
        Ran ours = ours(env, new byte[0], "-c", command);
        assertThat(ours.exit()).isZero();
        assertThat(ours.out()).startsWith("annex.uuid=" + GitAnnex.uuid(nested) + "\n");
        for (GitAnnexVersions.Release r : releases) {
            assertThat(theirs(r, env, new byte[0], "-c", command).out()).as(r.name() + " escaped to " + other)
                    .startsWith("annex.uuid=" + GitAnnex.uuid(other) + "\n");
        }
    }

    @Test
    void theToolsCommandsAreRefusedWhenTheEnvironmentConfines() throws Exception {
        Ran r = ours(env("GIT_ANNEX_SHELL_LIMITED", "1"), new byte[0], "token", "--repo", allowed.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.firstMessage()).isEqualTo("token is refused: GIT_ANNEX_SHELL_LIMITED is set, so annex-p2p runs only "
                + "as git-annex-shell (p2pstdio, configlist)");
        assertThat(Files.exists(allowed.resolve(".git/annex/creds/p2pauth"))).isFalse();
    }
}
