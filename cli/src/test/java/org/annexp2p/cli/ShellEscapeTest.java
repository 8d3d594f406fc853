package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: an ssh key confined to {@code annex-p2p -c "$SSH_ORIGINAL_COMMAND"} must not reach annex-p2p's own
 * commands. Before the fix, {@code -c "get --exec ..."} ran the program and {@code -c "token ..."} issued a token.
 * Through {@link Main#run} itself, as sshd's command line arrives (git-shell, which the shell hands unknown
 * commands to as git-annex-shell does, refuses them).
 */
class ShellEscapeTest {
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    @TempDir
    Path tmp;

    @Test
    void getWithExecUnderDashCRunsNothing() {
        Path marker = tmp.resolve("pwned");
        int exit = Main.run("-c", "get --exec 'sh -c \"id > " + marker + "\"' SHA256E-s1--x " + tmp.resolve("o"));
        assertThat(marker).as("the program named by --exec ran").doesNotExist();
        assertThat(exit).isEqualTo(1);
        assertThat(err.text()).contains("annex-p2p: git-shell failed").doesNotContain("\tat ");
    }

    @Test
    void getWithExecBehindGitAnnexShellPrefixRunsNothing() {
        Path marker = tmp.resolve("pwned");
        int exit = Main.run("-c", "git-annex-shell get --exec 'sh -c \"id > " + marker + "\"' SHA256E-s1--x o");
        assertThat(marker).as("the program named by --exec ran").doesNotExist();
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void tokenUnderDashCIssuesNoToken() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        TemporaryRepository.withUuid(repo, "5b7a4a8e-2f43-4c3c-9d0e-7a1f3c9e2b11");
        PrintStream savedOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.run("-c", "token --repo " + repo);
        } finally {
            System.setOut(savedOut);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).as("a token was printed").isEmpty();
        assertThat(repo.resolve(".git/annex/creds/p2pauth")).as("a token was accepted").doesNotExist();
        assertThat(exit).isEqualTo(1);
    }
}
