package org.annexp2p.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.annexp2p.cli.interop.AnnexP2p;
import org.annexp2p.cli.interop.GitAnnex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/annex-p2p as git-annex runs it for an ssh remote: whether it is recording its class-data archive, using
 * it, or finding it damaged, stdout carries nothing but the protocol (JVM messages would corrupt it).
 */
class LauncherIT {
    private static final String CLIENT = "00000000-0000-4000-8000-0000000c11e7";

    @TempDir
    Path dir;

    @BeforeAll
    static void requireGitAnnex() {
        GitAnnex.requireInstalled();
    }

    private static Path launcher() {
        AnnexP2p.jar();
        Path launcher = Path.of("..", "bin", "annex-p2p").toAbsolutePath().normalize();
        assertThat(launcher).as("the checkout's launcher").isExecutable();
        return launcher;
    }

    @Test
    void stdoutIsOnlyTheProtocolWhileRecordingUsingOrIgnoringADamagedArchive() throws IOException {
        Path repo = GitAnnex.initRepo(dir.resolve("r"), "launcher");
        String expected = "AUTH-SUCCESS " + GitAnnex.uuid(repo) + "\n";
        Path archive = Path.of("target", "cds", "p2pstdio.jsa").toAbsolutePath();
        Files.deleteIfExists(archive);

        GitAnnex.Result recording = p2pstdio(repo);
        assertThat(recording.out()).isEqualTo(expected);
        assertThat(recording.err()).isEmpty();
        assertThat(archive).as("the first run recorded the archive").isNotEmptyFile();

        GitAnnex.Result using = p2pstdio(repo);
        assertThat(using.out()).isEqualTo(expected);
        assertThat(using.err()).isEmpty();

        archive.toFile().setWritable(true);
        Files.write(archive, new byte[4096]);
        GitAnnex.Result damaged = p2pstdio(repo);
        assertThat(damaged.out()).as("a damaged archive is ignored, quietly").isEqualTo(expected);
        assertThat(damaged.exit()).isZero();
        Files.delete(archive);
    }

    private GitAnnex.Result p2pstdio(Path repo) throws IOException {
        GitAnnex.Result r = GitAnnex.run(dir, Map.of(), new byte[0], launcher().toString(), "p2pstdio", repo.toString(), CLIENT);
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
        return r;
    }
}
