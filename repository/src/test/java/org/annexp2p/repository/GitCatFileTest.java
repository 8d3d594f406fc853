package org.annexp2p.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.annexp2p.testkit.repository.TemporaryRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long-lived {@code git cat-file --batch}: one process for many reads, replaced when it dies, never left behind. */
class GitCatFileTest {
    private static final Duration LONG_IDLE = Duration.ofMinutes(10);

    @TempDir
    Path tmp;

    private GitProcess git;
    private GitCatFile catFile;

    @BeforeEach
    void repository() throws IOException {
        TemporaryRepository repo = TemporaryRepository.git(tmp.resolve("r"));
        Files.writeString(repo.resolve("a.log"), "line a\n");
        Files.write(repo.resolve("b.log"), new byte[] {'b', 0, (byte) 0xff, '\n', '\n'});
        repo.git("add", "a.log", "b.log");
        repo.git("commit", "-q", "-m", "logs");
        git = new GitProcess(repo.resolve(".git"));
    }

    @AfterEach
    void stop() {
        if (catFile != null) {
            catFile.close();
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void closingWaitsForTheProcessToEnd() throws IOException {
        catFile = new GitCatFile(git, LONG_IDLE);
        catFile.blob("HEAD:a.log");
        ProcessHandle process = ProcessHandle.of(catFile.pid().orElseThrow()).orElseThrow();
        catFile.close();
        assertThat(process.isAlive()).isFalse();
        assertThat(catFile.pid()).isEmpty();
    }

    @Test
    void manyReadsAndMissingNamesGoThroughOneProcess() throws IOException {
        catFile = new GitCatFile(git, LONG_IDLE);
        assertThat(catFile.pid()).isEmpty();
        assertThat(text(catFile.blob("HEAD:a.log").get())).isEqualTo("line a\n");
        long pid = catFile.pid().orElseThrow();
        assertThat(catFile.blob("HEAD:nothing-here.log").isEmpty()).isTrue();
        assertThat(catFile.blob("HEAD:b.log").get()).containsExactly('b', 0, (byte) 0xff, '\n', '\n');
        assertThat(catFile.blob("HEAD:a.log").get()).hasSize(7);
        assertThat(catFile.pid()).hasValue(pid);
    }

    @Test
    void aProcessThatDiedIsReplacedByTheNextRead() throws Exception {
        catFile = new GitCatFile(git, LONG_IDLE);
        catFile.blob("HEAD:a.log");
        ProcessHandle first = ProcessHandle.of(catFile.pid().orElseThrow()).orElseThrow();
        first.destroyForcibly();
        first.onExit().get(30, TimeUnit.SECONDS);
        assertThat(text(catFile.blob("HEAD:a.log").get())).isEqualTo("line a\n");
        assertThat(catFile.pid().orElseThrow()).isNotEqualTo(first.pid());
    }

    @Test
    void closingStopsTheProcess() throws Exception {
        catFile = new GitCatFile(git, LONG_IDLE);
        catFile.blob("HEAD:a.log");
        ProcessHandle process = ProcessHandle.of(catFile.pid().orElseThrow()).orElseThrow();
        catFile.close();
        process.onExit().get(30, TimeUnit.SECONDS);
        assertThat(process.isAlive()).isFalse();
        assertThat(catFile.pid()).isEmpty();
    }

    @Test
    void anIdleProcessStopsAndTheNextReadStartsAnother() throws Exception {
        // The timer thread waits for the test to have read the pid: a test thread descheduled for longer than the idle
        // time (a loaded machine) would otherwise find the process already stopped and no pid to read.
        CountDownLatch pidRead = new CountDownLatch(1);
        catFile = new GitCatFile(git, Duration.ofMillis(50), gated(pidRead));
        catFile.blob("HEAD:a.log");
        ProcessHandle process = ProcessHandle.of(catFile.pid().orElseThrow()).orElseThrow();
        pidRead.countDown();
        process.onExit().get(30, TimeUnit.SECONDS);
        assertThat(catFile.pid()).isEmpty();
        assertThat(text(catFile.blob("HEAD:a.log").get())).isEqualTo("line a\n");
    }

    @Test
    void aNameWithALineBreakIsRefusedRatherThanSentAsTwoRequests() throws IOException {
        catFile = new GitCatFile(git, LONG_IDLE);
        assertThatThrownBy(() -> catFile.blob("HEAD:nothing\nHEAD:a.log")).isInstanceOf(IOException.class)
                .hasMessageContaining("line break");
        assertThat(text(catFile.blob("HEAD:b.log").get())).startsWith("b");
    }

    @Test
    void somethingOtherThanABlobFailsAndLeavesLaterAnswersInStep() throws IOException {
        catFile = new GitCatFile(git, LONG_IDLE);
        // A commit's text would be read as the next answer's header if it were left in the pipe.
        assertThatThrownBy(() -> catFile.blob("HEAD")).isInstanceOf(IOException.class)
                .hasMessageContaining("commit");
        assertThat(text(catFile.blob("HEAD:a.log").get())).isEqualTo("line a\n");
        assertThat(catFile.blob("HEAD:nothing-here.log").isEmpty()).isTrue();
    }

    /** Its timers are its own, and a closed reader keeps no timer thread: a server that stopped leaves none behind. */
    @Test
    void itsTimerThreadsAreItsOwnAndEndOnceNothingIsPending() throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        List<Thread> otherMade = new CopyOnWriteArrayList<>();
        catFile = new GitCatFile(git, LONG_IDLE, recorded(made));
        try (GitCatFile other = new GitCatFile(git, LONG_IDLE, recorded(otherMade))) {
            other.blob("HEAD:a.log");
            assertThat(made).as("the other reader's timers ran on this one's threads").isEmpty();
            catFile.blob("HEAD:a.log");
            assertThat(made).hasSize(1);
            assertThat(otherMade).hasSize(1);
        }
        catFile.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Thread timer : made) {
            timer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        assertThat(made).as("timer threads alive 20 s after closing").noneMatch(Thread::isAlive);
    }

    /** Timer threads that run nothing before {@code open}: the idle stop cannot fire while the test holds it. */
    private static ThreadFactory gated(CountDownLatch open) {
        return body -> {
            Thread t = new Thread(() -> {
                try {
                    open.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the pool's worker sees it and ends as it would
                }
                body.run();
            }, "git-cat-file-timer");
            t.setDaemon(true);
            return t;
        };
    }

    private static ThreadFactory recorded(List<Thread> into) {
        return body -> {
            Thread t = new Thread(body, "git-cat-file-timer");
            t.setDaemon(true);
            into.add(t);
            return t;
        };
    }
}
