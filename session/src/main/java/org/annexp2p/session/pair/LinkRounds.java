package org.annexp2p.session.pair;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The last step of a pairing: linking to one of the other side's addresses, trying each in turn, in rounds a
 * pause apart, as git-annex does: the other side may still be storing the token we present.
 */
public final class LinkRounds {
    /** git-annex's pause between rounds. */
    public static final Duration PAUSE = Duration.ofSeconds(2);

    /** One try at one address: dial, authenticate, add the remote. */
    @FunctionalInterface
    public interface Attempt<T> {
        T link(PairAddress address) throws IOException;
    }

    /** Told of each failed try, before the next. */
    @FunctionalInterface
    public interface Retrying {
        void failed(PairAddress address, IOException why);
    }

    /** Waits between rounds. */
    @FunctionalInterface
    public interface Pause {
        void between() throws InterruptedException;
    }

    /** Every try failed; {@link #last} is the last one's reason (none if there was no address to try). */
    public static final class Exhausted extends IOException {
        private static final long serialVersionUID = 1L;

        Exhausted(IOException last) {
            super(last == null ? "no address" : last.getMessage(), last);
        }

        public Optional<IOException> last() {
            return Optional.ofNullable((IOException) getCause());
        }
    }

    private final int rounds;
    private final Pause pause;

    /** {@code rounds} at least 1. */
    public LinkRounds(int rounds, Pause pause) {
        if (rounds < 1) {
            throw new IllegalArgumentException("at least one round");
        }
        this.rounds = rounds;
        this.pause = pause;
    }

    /** With git-annex's pause. */
    public LinkRounds(int rounds) {
        this(rounds, () -> Thread.sleep(PAUSE.toMillis()));
    }

    /** What the first try that succeeds returns. */
    public <T> T link(List<PairAddress> addresses, Attempt<T> attempt, Retrying retrying)
            throws Exhausted, InterruptedException {
        IOException last = null;
        for (int round = 0; round < rounds; round++) {
            for (PairAddress a : addresses) {
                try {
                    return attempt.link(a);
                } catch (IOException e) {
                    last = e;
                    retrying.failed(a, e);
                }
            }
            if (round + 1 < rounds) {
                pause.between();
            }
        }
        throw new Exhausted(last);
    }
}
