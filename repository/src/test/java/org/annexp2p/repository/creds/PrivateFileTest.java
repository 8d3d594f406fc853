package org.annexp2p.repository.creds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {
    @TempDir
    Path tmp;

    private CredsDir creds() {
        return new CredsDir(tmp.resolve("annex").resolve("creds"));
    }

    @Test
    void aWrittenFileIsPrivateAndAloneInItsDirectory() throws IOException {
        PrivateFile f = creds().file("lan-identity.pem");
        f.writeText("secret\n");
        assertThat(f.readText()).contains("secret\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path().getParent()))).isEqualTo("rwx------");
        try (var left = Files.list(f.path().getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("lan-identity.pem");
        }
    }

    @Test
    void aMissingFileReadsAsEmpty() throws IOException {
        assertThat(creds().file("p2pauth").read()).isEmpty();
    }

    @Test
    void namesThatLeaveTheDirectoryOrHideAsTempFilesAreRefused() {
        for (String name : List.of("../escape", "a/b", ".p2pauth.x.tmp", "", "nul\0")) {
            assertThatThrownBy(() -> creds().file(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aLinkInPlaceOfAPrivateFileIsNotFollowed() throws IOException {
        Path elsewhere = Files.writeString(tmp.resolve("attacker-chosen"), "not yours");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        PrivateFile f = creds().file("p2pauth");
        Files.createDirectories(f.path().getParent());
        Files.createSymbolicLink(f.path(), elsewhere);
        assertThatThrownBy(f::read).hasMessageContaining("not a regular file");
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheFix() throws IOException {
        PrivateFile f = creds().file("annex-p2p-tls.pem");
        f.writeText("key");
        Files.setPosixFilePermissions(f.path(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(f::read).hasMessageContaining("group or others may access it").hasMessageContaining("chmod 600");
    }

    /** Writers of one file each get a temporary file of their own: none fails, and the file is always one whole write. */
    @Test
    void concurrentWritersNeverCollideNorMix() throws Exception {
        PrivateFile f = creds().file("lan-peers");
        Set<String> written = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                for (int i = 0; i < 25; i++) {
                    String content = ("writer " + w + " write " + i + "\n").repeat(200);
                    written.add(content);
                    jobs.add(pool.submit(() -> {
                        f.writeText(content);
                        return null;
                    }));
                }
            }
            for (Future<?> job : jobs) {
                job.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(written).contains(f.readText().orElseThrow());
        try (var left = Files.list(f.path().getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("lan-peers");
        }
    }

    @Property(tries = 50)
    void anyBytesComeBackAsWritten(@ForAll byte[] content) throws IOException {
        Path dir = Files.createTempDirectory("creds-file");
        PrivateFile f = new CredsDir(dir.resolve("creds")).file("blob");
        f.write(content);
        assertThat(f.read()).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
    }
}
