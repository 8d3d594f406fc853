package org.annexp2p.shell.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketDirectoryTest {
    @TempDir
    Path tmp;

    private int uid() throws IOException {
        return SocketDirectory.realUid();
    }

    @Test
    void theDirectoryIsUnderXdgRuntimeDirWhenThatIsAbsoluteElseInTmpByUid() {
        assertThat(SocketDirectory.of(Map.of("XDG_RUNTIME_DIR", "/run/user/7"), 7).socket())
                .isEqualTo(Path.of("/run/user/7/annex-p2p/shell.sock"));
        for (Map<String, String> env : java.util.List.of(Map.<String, String>of(), Map.of("XDG_RUNTIME_DIR", ""),
                Map.of("XDG_RUNTIME_DIR", "run/user/7"))) {
            assertThat(SocketDirectory.of(env, 7).dir()).as("%s", env).isEqualTo(Path.of("/tmp/annex-p2p-7"));
        }
        assertThat(SocketDirectory.of(Map.of(), 7).lock()).isEqualTo(Path.of("/tmp/annex-p2p-7/shell.lock"));
    }

    @Test
    void anAbsentDirectoryIsMadePrivateButNotItsParents() throws IOException {
        SocketDirectory d = new SocketDirectory(tmp.resolve("annex-p2p"), uid());
        d.prepare();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.dir()))).isEqualTo("rwx------");
        SocketDirectory deeper = new SocketDirectory(tmp.resolve("absent/annex-p2p"), uid());
        assertThatThrownBy(deeper::prepare).isInstanceOf(SocketDirectory.Unusable.class)
                .hasMessage(tmp.resolve("absent") + " does not exist (the server makes annex-p2p in it, never the directories above)");
        assertThat(tmp.resolve("absent")).doesNotExist();
    }

    @Test
    void aDirectoryOthersCanEnterIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("annex-p2p"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> new SocketDirectory(dir, uid()).prepare())
                .isInstanceOf(SocketDirectory.Unusable.class).hasMessageContaining("open to other users");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        new SocketDirectory(dir, uid()).prepare();
    }

    @Test
    void aSymbolicLinkToAPrivateDirectoryIsRefused() throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(tmp.resolve("annex-p2p"), real);
        assertThatThrownBy(() -> new SocketDirectory(link, uid()).prepare())
                .isInstanceOf(SocketDirectory.Unusable.class).hasMessageContaining("symbolic link");
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("annex-p2p"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        assertThatThrownBy(() -> new SocketDirectory(dir, uid() + 1).prepare())
                .isInstanceOf(SocketDirectory.Unusable.class).hasMessageContaining("another user");
    }

    @Test
    void aFileIsNotADirectory() throws IOException {
        Path file = Files.createFile(tmp.resolve("annex-p2p"));
        assertThatThrownBy(() -> new SocketDirectory(file, uid()).prepare())
                .isInstanceOf(SocketDirectory.Unusable.class).hasMessageContaining("not a directory");
    }

    @Test
    void aSocketPathOver107BytesIsRefused() throws IOException {
        String name = "d".repeat(107 - tmp.toString().length() - "/shell.sock".length() - 1);
        SocketDirectory fits = new SocketDirectory(tmp.resolve(name), uid());
        assertThat(fits.socket().toString()).hasSize(107);
        fits.prepare();
        SocketDirectory over = new SocketDirectory(tmp.resolve(name + "d"), uid());
        assertThatThrownBy(over::prepare).isInstanceOf(SocketDirectory.Unusable.class).hasMessageContaining("longer than 107");
        assertThat(over.dir()).doesNotExist();
    }

    @Test
    void aServerWithoutXdgRuntimeDirIsToldWhenSystemdGivesSessionsADirectoryOfTheirOwn() throws IOException {
        Path runUser = Files.createDirectory(tmp.resolve("run-user"));
        Path tmpRoot = Files.createDirectory(tmp.resolve("tmp"));
        assertThat(SocketDirectory.sessionsLookElsewhere(Map.of(), 7, runUser, tmpRoot))
                .as("no runtime directory for uid 7: sessions look in /tmp too").isEmpty();
        Files.createDirectory(runUser.resolve("7"));
        assertThat(SocketDirectory.sessionsLookElsewhere(Map.of(), 7, runUser, tmpRoot)).contains(
                "XDG_RUNTIME_DIR is not set, so the server listens on " + tmpRoot.resolve("annex-p2p-7/shell.sock")
                        + ", but ssh sessions that systemd gives XDG_RUNTIME_DIR=" + runUser.resolve("7") + " look for "
                        + runUser.resolve("7/annex-p2p/shell.sock") + " and will not reach it");
        assertThat(SocketDirectory.sessionsLookElsewhere(Map.of("XDG_RUNTIME_DIR", runUser.resolve("7").toString()), 7,
                runUser, tmpRoot)).as("the server looks where the sessions look").isEmpty();
    }
}
