package org.annexp2p.interpreters.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;
import org.annexp2p.interpreters.Serving;
import org.annexp2p.interpreters.net.Relays;
import org.annexp2p.protocol.conversation.ServerMode;
import org.annexp2p.protocol.message.Message;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.protocol.wire.Uuid;
import org.annexp2p.repository.MemoryRepository;

/**
 * Hostile peers against the AUTH server ({@link Serving}) backed by a real on-disk repository: generated and
 * mutated protocol lines and byte streams (see {@link HostileInput}), before and after a good AUTH.
 *
 * <p>For every conversation: nothing escapes the handler; it returns once its input is used up (no hang);
 * before AUTH it answers exactly as git-annex would and touches nothing on disk; after AUTH every line it
 * writes is a whole protocol message and it writes only in the object store, partial copies and the journal —
 * never beside the repository, whatever the keys say. Over the whole run: the token appears in no log record
 * and no --debug transcript line, and no thread is left behind.
 *
 * <p>Size and seed: {@code -Dfuzz.lines=N} (default {@value #CI_LINES}, for CI) and {@code -Dfuzz.seed=S};
 * {@code bench/fuzz.sh} runs a million lines.
 */
class ServerFuzzProperties {
    static final long CI_LINES = 30_000;
    static final AuthToken TOKEN = AuthToken.parse("c0ffee5eed0f7a11ba5ec0de1d1e5ca1ab1ed00dfacade0b0a710ad5e1ec7ed0").get();
    static final byte[] STORABLE = "content a hostile peer may legitimately store\n".getBytes(StandardCharsets.US_ASCII);

    @Example
    void hostileConversationsEndCleanlyAndStayInsideTheRepository() throws Exception {
        long target = Long.getLong("fuzz.lines", CI_LINES);
        long seed = Long.getLong("fuzz.seed", 0x5eedL);
        Set<Thread> threadsBefore = liveThreads();
        long lines = 0;
        long bytes = 0;
        long cases = 0;
        long authenticated = 0;
        long started = System.nanoTime();
        long logRecords;
        long transcriptLines;
        try (FuzzRepository fixture = FuzzRepository.create(); SecretWatch watch = new SecretWatch(TOKEN.reveal())) {
            Uuid server = fixture.repository().uuid();
            Serving serving = new Serving(fixture.repository(), ServerMode.READ_WRITE, () -> List.of(TOKEN), Relays.NONE, watch);
            Random random = new Random(seed);
            RandomGenerator<HostileInput.Case> generator = HostileInput.cases(TOKEN, STORABLE).generator(1000);
            try (ServerRun run = new ServerRun(serving)) {
                Map<String, String> tree = fixture.snapshot();
                while (lines < target) {
                    HostileInput.Case c = generator.next(random).value();
                    String which = "case " + cases + " of seed " + seed + ": " + c;
                    ServerRun.Result result = run.run(c.bytes(), which);
                    assertThat(result.escaped()).as("escaped the handler in %s", which).isNull();
                    AuthPhase expected = AuthPhase.expected(c.bytes(), TOKEN, server);
                    byte[] written = result.written();
                    if (expected.authenticated()) {
                        assertThat(java.util.Arrays.copyOf(written, Math.min(written.length, expected.replies().length)))
                                .as("replies before and to AUTH in %s", which).isEqualTo(expected.replies());
                        List<Message> after = AuthPhase.messages(written, expected.replies().length);
                        assertThat(after).as("after AUTH in %s", which).doesNotHaveAnyElementsOfTypes(Message.AuthSuccess.class);
                        authenticated++;
                    } else {
                        assertThat(new String(written, StandardCharsets.ISO_8859_1)).as("replies before AUTH in %s", which)
                                .isEqualTo(new String(expected.replies(), StandardCharsets.ISO_8859_1));
                    }
                    Map<String, String> now = fixture.snapshot();
                    List<String> changed = FuzzRepository.changed(tree, now);
                    if (expected.authenticated()) {
                        assertThat(changed).as("paths changed in %s", which).allMatch(fixture::writable);
                    } else {
                        assertThat(changed).as("paths changed before AUTH in %s", which).isEmpty();
                    }
                    tree = now;
                    lines += c.lines();
                    bytes += c.bytes().length;
                    cases++;
                }
            }
            assertThat(watch.leaks()).as("the token in logs or transcripts").isEmpty();
            // Controls: the watch did see the server talk, so an empty leak list means something.
            assertThat(watch.transcriptLines()).isGreaterThan(cases);
            logRecords = watch.logRecords();
            transcriptLines = watch.transcriptLines();
        }
        assertThat(authenticated).as("conversations that got past AUTH").isGreaterThan(cases / 4);
        List<Thread> left = threadsLeftBehind(threadsBefore);
        assertThat(left).as("threads the server left behind").isEmpty();
        System.out.printf("fuzz: %d lines (%d conversations, %d authenticated, %d bytes) seed %d in %.1f s;"
                        + " %d log records, %d transcript lines; threads %d before, %d after%n",
                lines, cases, authenticated, bytes, seed, (System.nanoTime() - started) / 1e9, logRecords, transcriptLines,
                threadsBefore.size(), liveThreads().size());
    }

    /** Before AUTH nothing reaches the repository at all, not even a look: shrinkable, over a memory repository. */
    @Property(tries = 300)
    void beforeAuthTheRepositoryIsNeverAsked(@ForAll("unauthenticated") HostileInput.Case c) throws Exception {
        MemoryRepository repo = new MemoryRepository(new Uuid("server"));
        try (SecretWatch watch = new SecretWatch(TOKEN.reveal());
                ServerRun run = new ServerRun(new Serving(repo, ServerMode.READ_WRITE, () -> List.of(TOKEN), Relays.NONE, watch))) {
            ServerRun.Result result = run.run(c.bytes(), c);
            assertThat(result.escaped()).isNull();
            assertThat(new String(result.written(), StandardCharsets.ISO_8859_1))
                    .isEqualTo(new String(AuthPhase.expected(c.bytes(), TOKEN, repo.uuid()).replies(), StandardCharsets.ISO_8859_1));
            assertThat(watch.leaks()).isEmpty();
        }
        assertThat(repo.events()).isEmpty();
    }

    @Provide
    Arbitrary<HostileInput.Case> unauthenticated() {
        return HostileInput.cases(TOKEN, STORABLE)
                .filter(c -> !AuthPhase.expected(c.bytes(), TOKEN, new Uuid("server")).authenticated());
    }

    private static Set<Thread> liveThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * Threads started since {@code before} that are still alive once they have had time to wind down. The JDK's
     * "process reaper" is not ours to account for: it serves every child process (git) and idles for a minute.
     */
    private static List<Thread> threadsLeftBehind(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<Thread> left = liveThreads().stream().filter(t -> !before.contains(t))
                    // the JDK's reaper and the test kit's own watchdog (started by the fixture's first git) are not the server's
                    .filter(t -> !t.getName().startsWith("process reaper") && !t.getName().startsWith("testkit-")).toList();
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(50);
        }
    }
}
