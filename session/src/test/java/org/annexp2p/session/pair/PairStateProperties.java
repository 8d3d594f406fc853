package org.annexp2p.session.pair;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.link.PeerLink;
import org.annexp2p.wormhole.code.Code;

/**
 * Whatever the other side and the person do, a pairing job's states only go forward, end in exactly one final
 * state, and the repository keeps an accepted token exactly when the job ends linked.
 */
class PairStateProperties {

    enum Person { GIVES_THEIR_CODE, GIVES_A_WRONG_CODE, GIVES_OUR_OWN_CODE, CANCELS_BEFORE_A_CODE, CANCELS_WHILE_LINKING }

    @Provide
    Arbitrary<Person> people() {
        return Arbitraries.of(Person.class);
    }

    @Property(tries = 40)
    void statesGoForwardToOneEndAndOnlyALinkedJobKeepsAToken(@ForAll("people") Person person,
            @ForAll @IntRange(min = 0, max = 4) int linkFailures) throws Exception {
        Path dir = Files.createTempDirectory("pair-states");
        try {
            FakeMailbox mailbox = new FakeMailbox();
            CredsDir creds = new CredsDir(dir.resolve("creds"));
            creds.addOwnAddress("tor-annex::" + PairExchangeTest.ONION_A + ":5432");
            Code theirs = mailbox.sendBytes(PairExchangeTest.B.format().getBytes(StandardCharsets.US_ASCII));
            List<PairState> states = new CopyOnWriteArrayList<>();
            AtomicInteger tries = new AtomicInteger();
            PairingJob[] job = new PairingJob[1];
            WormholePairing.Link link = (address, token) -> {
                if (person == Person.CANCELS_WHILE_LINKING) {
                    job[0].cancel();
                }
                if (tries.getAndIncrement() < linkFailures) {
                    throw new IOException("connection refused");
                }
                return new PeerLink.Linked(PairingJobTest.PEER, "peer1");
            };
            LinkRounds rounds = new LinkRounds(3, () -> {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            });
            synchronized (job) {
                job[0] = PairingJob.start(creds, mailbox.side(), link, rounds, state -> {
                    states.add(state);
                    if (state instanceof PairState.CodeAllocated ours) {
                        act(person, job, ours.code(), theirs, mailbox, dir);
                    }
                });
            }
            PairState end = job[0].await();

            for (int i = 1; i < states.size(); i++) {
                assertThat(states.get(i).rank()).as("states %s", states).isGreaterThanOrEqualTo(states.get(i - 1).rank());
            }
            assertThat(states).filteredOn(PairState::isFinal).containsExactly(end);
            assertThat(states.get(states.size() - 1)).isEqualTo(end);
            assertThat(creds.acceptedTokens().isEmpty()).as("end %s", end).isEqualTo(end instanceof PairState.Failed);
            // a cancel during a link try that then succeeds comes too late: the link stands
            boolean shouldLink = person == Person.GIVES_THEIR_CODE && linkFailures < 3
                    || person == Person.CANCELS_WHILE_LINKING && linkFailures == 0;
            assertThat(end instanceof PairState.Linked).as("end %s", end).isEqualTo(shouldLink);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The person's move once our code is shown; the other side takes our pair data when it has our code. */
    private static void act(Person person, PairingJob[] job, String ours, Code theirs, FakeMailbox mailbox, Path dir) {
        PairingJob j;
        synchronized (job) {
            j = job[0];
        }
        switch (person) {
            case GIVES_THEIR_CODE, CANCELS_WHILE_LINKING -> {
                otherSideTakes(ours, mailbox, dir);
                j.theirCode(theirs.value());
            }
            case GIVES_A_WRONG_CODE -> j.theirCode(theirs.nameplate() + "-wrong-words");
            case GIVES_OUR_OWN_CODE -> j.theirCode(ours);
            case CANCELS_BEFORE_A_CODE -> j.cancel();
        }
    }

    private static void otherSideTakes(String ours, FakeMailbox mailbox, Path dir) {
        Thread t = new Thread(() -> {
            try {
                mailbox.side().receive(Code.parse(ours), offer -> Optional.of(dir.resolve("taken")));
            } catch (Exception e) {
                // the job under test reports its own failure; the other side's is not what is checked
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
