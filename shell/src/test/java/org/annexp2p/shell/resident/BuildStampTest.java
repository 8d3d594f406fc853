package org.annexp2p.shell.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildStampTest {
    @TempDir
    Path tmp;

    @Test
    void aJarWrittenAgainIsAnotherBuild() throws IOException {
        Path shell = Files.writeString(tmp.resolve("shell.jar"), "one");
        Path cli = Files.writeString(tmp.resolve("annex-p2p.jar"), "one");
        Object before = ResidentServer.BuildStamp.of(List.of(shell, cli));
        assertThat(ResidentServer.BuildStamp.of(List.of(shell, cli))).isEqualTo(before);
        Files.setLastModifiedTime(cli, FileTime.fromMillis(Files.getLastModifiedTime(cli).toMillis() + 1000));
        assertThat(ResidentServer.BuildStamp.of(List.of(shell, cli))).isNotEqualTo(before);
        Object touched = ResidentServer.BuildStamp.of(List.of(shell, cli));
        FileTime same = Files.getLastModifiedTime(shell);
        Files.writeString(shell, "two, longer");
        Files.setLastModifiedTime(shell, same);
        assertThat(ResidentServer.BuildStamp.of(List.of(shell, cli))).isNotEqualTo(touched);
    }

    @Test
    void aJarThatCannotBeReadEqualsNoBuild() {
        Object missing = ResidentServer.BuildStamp.of(List.of(tmp.resolve("absent.jar")));
        assertThat(missing).isNotEqualTo(ResidentServer.BuildStamp.of(List.of(tmp.resolve("absent.jar"))));
    }

    @Test
    void thisBuildIsStable() {
        assertThat(ResidentServer.BuildStamp.ofThisBuild()).isEqualTo(ResidentServer.BuildStamp.ofThisBuild())
                .isInstanceOf(ResidentServer.BuildStamp.class);
    }
}
