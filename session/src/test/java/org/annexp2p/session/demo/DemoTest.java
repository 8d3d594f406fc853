package org.annexp2p.session.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.annexp2p.interpreters.net.Transcript;
import org.annexp2p.protocol.key.Key;
import org.annexp2p.protocol.wire.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, run on in-memory repositories, does what it narrates: two uploads (one cut and resumed) and a download. */
class DemoTest {
    static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Every event, as one line each. */
    final List<String> events = new ArrayList<>();
    final List<Long> positions = new ArrayList<>();

    final DemoWatcher recorder = new DemoWatcher() {
        @Override
        public void say(String line) {
            events.add("say " + line.strip());
        }

        @Override
        public void started(String what, long size, long resumedFrom) {
            events.add("started " + what + " " + size + " " + (resumedFrom > 0 ? "resumed" : "fresh"));
        }

        @Override
        public void progress(long position) {
            positions.add(position);
        }

        @Override
        public void finished(String outcome) {
            events.add("finished " + outcome);
        }

        @Override
        public void kept(long bytes) {
            events.add("kept " + (bytes >= 4 * MIB / 10 && bytes < 4 * MIB ? "part" : bytes));
        }

        @Override
        public void located(Key key, boolean onLaptop, boolean onDesktop, List<Uuid> desktopLog) {
            events.add("located " + onLaptop + " " + onDesktop + " " + desktopLog.size());
        }
    };

    /** Real repositories (git-annex's own layout) keep the part of a cut upload, so the second upload resumes. */
    @Test
    void uploadsCutsResumesAndDownloadsEveryByte() throws IOException {
        new Demo(4 * MIB, true, Transcript.NONE, recorder).run(dir);

        assertThat(events).filteredOn(e -> !e.startsWith("say")).containsExactly(
                "started put " + 4 * MIB + " fresh", "finished ok",
                "started put " + 4 * MIB + " fresh", "finished connection cut", "kept part",
                "started put " + 4 * MIB + " resumed", "finished ok",
                "started get " + 4 * MIB + " fresh", "finished ok, verified",
                "located true true 1", "located true true 1");
        assertThat(events).contains("say two git-annex repositories in " + dir,
                "say 2. laptop uploads another file; the connection is cut at 40%, then the upload resumes");
        assertThat(positions).contains(4 * MIB);
        Path downloaded = dir.resolve("downloaded.bin");
        try (InputStream expected = GeneratedContent.of(4 * MIB, 1).open()) {
            assertThat(Files.readAllBytes(downloaded)).isEqualTo(expected.readAllBytes());
        }
    }

    @Test
    void inMemoryRepositoriesGoThroughTheSameSteps() throws IOException {
        new Demo(MIB, false, Transcript.NONE, recorder).run(dir);
        assertThat(events).contains("say two in-memory repositories (git is not installed)");
        assertThat(events).filteredOn(e -> e.startsWith("finished")).containsExactly(
                "finished ok", "finished connection cut", "finished ok", "finished ok, verified");
        assertThat(events).filteredOn(e -> e.startsWith("located")).containsExactly("located true true 1", "located true true 1");
    }

    @Test
    void generatedContentIsRepeatableAndNoTwoBlocksAlike() throws IOException {
        byte[] a;
        try (InputStream in = GeneratedContent.of(2 * MIB, 7).open()) {
            a = in.readAllBytes();
        }
        try (InputStream in = GeneratedContent.of(2 * MIB, 7).open()) {
            assertThat(in.readAllBytes()).isEqualTo(a);
        }
        assertThat(a).hasSize((int) (2 * MIB));
        assertThat(java.util.Arrays.copyOfRange(a, 0, (int) MIB)).isNotEqualTo(java.util.Arrays.copyOfRange(a, (int) MIB, a.length));
    }

    @Test
    void findsGitOnlyWhereItIs(@TempDir Path bin) throws IOException {
        assertThat(Demo.gitOn(bin.toString())).isFalse();
        Path git = Files.createFile(bin.resolve("git"));
        assertThat(Demo.gitOn("/nonexistent:" + bin)).isFalse();
        assertThat(git.toFile().setExecutable(true)).isTrue();
        assertThat(Demo.gitOn("/nonexistent:" + bin)).isTrue();
    }

    @Test
    void refusesPartialMebibytes() {
        assertThatThrownBy(() -> new Demo(MIB + 1, false, Transcript.NONE, recorder)).isInstanceOf(IllegalArgumentException.class);
    }
}
