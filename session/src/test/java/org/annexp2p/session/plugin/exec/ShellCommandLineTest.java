package org.annexp2p.session.plugin.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.annexp2p.session.plugin.MalformedAddressException;
import org.junit.jupiter.api.Test;

/** --exec's command line splits as the shell would split it, and nothing else happens to it. */
class ShellCommandLineTest {

    @Test
    void shellCommandStringsSplitLikeTheShell() {
        assertThat(ShellCommandLine.split("git-annex-shell 'p2pstdio' '/a dir' '--debug' 'u' --uuid x"))
                .containsExactly("git-annex-shell", "p2pstdio", "/a dir", "--debug", "u", "--uuid", "x");
        assertThat(ShellCommandLine.split("a \"b \\\"c\\\"\" d\\ e")).containsExactly("a", "b \"c\"", "d e");
    }

    @Test
    void nothingIsExpanded() {
        assertThat(ShellCommandLine.split("echo $(id) `id` $HOME; rm -rf x"))
                .containsExactly("echo", "$(id)", "`id`", "$HOME;", "rm", "-rf", "x");
    }

    @Test
    void anEmptyCommandIsBadUsageAndAnUnterminatedQuoteIsNot() {
        ExecPlugin exec = new ExecPlugin();
        assertThatThrownBy(() -> exec.parse("  ")).isInstanceOf(MalformedAddressException.class)
                .hasMessage("--exec needs a command");
        assertThatThrownBy(() -> exec.parse("ssh 'host")).isNotInstanceOf(MalformedAddressException.class)
                .hasMessage("unterminated ' in command: ssh 'host");
        assertThat(exec.claims("ssh host")).as("never an --address").isFalse();
    }
}
