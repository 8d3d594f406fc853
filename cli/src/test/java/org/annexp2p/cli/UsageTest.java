package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.annexp2p.protocol.wire.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad usage: one line naming the problem, exit 2; failures: one line, exit 1; never a stack trace. */
class UsageTest {
    @RegisterExtension
    final CapturedStderr err = new CapturedStderr();

    String stderr() {
        return err.text();
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertThat(Main.run("frobnicate")).isEqualTo(2);
        assertThat(stderr()).contains("annex-p2p: Unmatched argument").doesNotContain("\tat ");
    }

    @Test
    void aRunNamingItsCommandBuildsOnlyThatCommandAndAnyOtherRunBuildsThemAll() {
        var all = Main.commandLine().getSubcommands().keySet();
        assertThat(all).contains("get", "put", "serve", "pair", "p2pstdio", "wormhole", "help").hasSizeGreaterThan(10);
        for (String name : all) {
            if (!name.equals("help")) {
                assertThat(Main.commandLine(false, name, "--help").getSubcommands().keySet()).as(name).containsExactly("help", name);
            }
        }
        assertThat(Main.commandLine(false, "pair").getSubcommands().get("pair").getSubcommands()).containsKey("--lan");
        assertThat(Main.commandLine(false, "help", "put").getSubcommands().keySet()).isEqualTo(all);
        assertThat(Main.commandLine(false, "--help").getSubcommands().keySet()).isEqualTo(all);
        assertThat(Main.commandLine(false, "gett").getSubcommands().keySet()).isEqualTo(all);
    }

    @Test
    void theVersionSaysWhichProtocolVersionsTheProtocolModuleSpeaks() {
        assertThat(new Main.Version().getVersion()[1]).isEqualTo("speaks the git-annex P2P protocol versions 0 to "
                + ProtocolVersion.MAX.format());
    }

    @Test
    void aMisspeltCommandIsAUsageErrorThatSuggestsTheRightOne() {
        assertThat(Main.run("gett", "x")).isEqualTo(2);
        assertThat(stderr()).contains("Unmatched argument").contains("Did you mean").contains("annex-p2p get")
                .doesNotContain("\tat ");
    }

    @Test
    void missingRouteIsAUsageError() {
        assertThat(Main.run("get", "SHA256E-s1--00.bin", "out")).isEqualTo(2);
        assertThat(stderr()).contains("--exec").contains("--address").doesNotContain("\tat ");
    }

    @Test
    void aBadKeyIsAUsageErrorNamingIt() {
        assertThat(Main.run("get", "--exec", "true", "notakey", "out")).isEqualTo(2);
        assertThat(stderr()).contains("not a git-annex key").doesNotContain("\tat ");
    }

    @Test
    void aMissingRepositoryIsAFailureInOneLine() {
        assertThat(Main.run("serve", "--repo", "/nonexistent/annex-p2p-test", "--listen", "127.0.0.1:0")).isEqualTo(1);
        assertThat(stderr().strip().lines()).hasSize(1);
        assertThat(stderr()).contains("not a directory: /nonexistent/annex-p2p-test");
    }

    @Test
    void lanPairingWaysThatDoNotGoTogetherAreUsageErrors() {
        assertThat(Main.run("pair", "--lan", "--find", "--secret", "x")).isEqualTo(2);
        assertThat(stderr()).contains("--find pairs with a device showing a QR code").doesNotContain("\tat ");
        assertThat(Main.run("pair", "--lan")).isEqualTo(2);
        assertThat(stderr()).contains("say how to pair");
        assertThat(Main.run("pair", "--lan", "--qr", "--respond")).isEqualTo(2);
        assertThat(stderr()).contains("--address and --respond go with --secret").doesNotContain("\tat ");
    }

    @Test
    void p2pstdioWithoutClientUuidSaysSoLikeGitAnnexShell() {
        // git-annex-shell exits 1 with "missing UUID parameter"; so do we.
        assertThat(Main.run("p2pstdio", "/tmp")).isEqualTo(1);
        assertThat(stderr()).contains("annex-p2p: missing UUID parameter");
        assertThat(Main.run("p2pstdio", "/nonexistent/x", "uuid")).isEqualTo(1);
        assertThat(stderr()).contains("not a directory");
    }

}
