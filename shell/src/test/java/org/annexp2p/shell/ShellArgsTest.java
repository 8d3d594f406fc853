package org.annexp2p.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What follows COMMAND DIRECTORY, read as git-annex-shell reads it. */
class ShellArgsTest {
    @Test
    void shellArgumentsParseLikeGitAnnexShell() {
        ShellArgs a = ShellArgs.parse(List.of("--debug", "client", "--uuid", "server", "--", "remoteuuid=x", "--", "rsync"));
        assertThat(a.params()).containsExactly("client");
        assertThat(a.uuid().get()).isEqualTo("server");
        assertThat(a.debug()).isTrue();
        // As git-annex-shell's partitionParams: after the first "--" come fields, then rsync's options.
        assertThat(ShellArgs.parse(List.of("u", "--", "--uuid", "x", "--", "v")).params()).containsExactly("u");
        assertThat(ShellArgs.parse(List.of("--uuid=s", "u")).uuid().get()).isEqualTo("s");
    }
}
