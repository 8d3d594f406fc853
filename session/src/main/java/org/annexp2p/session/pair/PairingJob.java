package org.annexp2p.session.pair;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.annexp2p.repository.creds.CredsDir;
import org.annexp2p.session.TemporaryTree;

/**
 * A {@link WormholePairing} running on its own thread, for a front end that cannot block (the web page): started,
 * it allocates our code; {@link #theirCode} gives the other side's; {@link #cancel} stops it. Every state goes to
 * the listener, the last being {@link PairState.Linked} or {@link PairState.Failed}, and {@link #state} is the
 * latest. Failures are words, never exceptions.
 */
public final class PairingJob {

    /** A front end's stop removes the private directory silently: the page has no terminal to tell. */
    private static final TemporaryTree.OnStop QUIET = new TemporaryTree.OnStop() {
        @Override
        public void removed(Path path) {
        }

        @Override
        public void notRemoved(Path path, Exception why) {
        }
    };

    private final CompletableFuture<String> theirs = new CompletableFuture<>();
    private final Consumer<PairState> listener;
    private final Thread thread;
    private volatile PairState state = new PairState.Allocating();
    private volatile boolean cancelled;

    private PairingJob(CredsDir creds, PairingWormhole wormhole, WormholePairing.Link link, LinkRounds rounds,
            Consumer<PairState> listener) {
        this.listener = listener;
        WormholePairing pairing = new WormholePairing(creds, wormhole, link, rounds, this::tell, QUIET);
        this.thread = new Thread(() -> finish(pairing), "pairing");
        thread.setDaemon(true);
    }

    /** Starts pairing {@code creds}' repository; {@code listener} hears every state, on the job's thread. */
    public static PairingJob start(CredsDir creds, PairingWormhole wormhole, WormholePairing.Link link,
            LinkRounds rounds, Consumer<PairState> listener) {
        PairingJob job = new PairingJob(creds, wormhole, link, rounds, listener);
        job.thread.start();
        return job;
    }

    public PairState state() {
        return state;
    }

    /** The other side's code as typed; only the first one given counts. Whether it was taken. */
    public boolean theirCode(String code) {
        return code != null && !code.isBlank() && theirs.complete(code);
    }

    /** Stops the pairing wherever it is; nothing is saved. A link try already under way that succeeds stands. */
    public void cancel() {
        cancelled = true;
        theirs.cancel(false);
        thread.interrupt();
    }

    /** Waits for the job to end (tests, and a front end shutting down). */
    public PairState await() throws InterruptedException {
        thread.join();
        return state;
    }

    private void finish(WormholePairing pairing) {
        try {
            var linked = pairing.run(ours -> awaitTheirs(), (a, why) -> { });
            tell(new PairState.Linked(linked.peer().value(), linked.remote()));
        } catch (Exception e) {
            tell(new PairState.Failed(cancelled ? "cancelled; nothing was saved" : PairFailureWords.of(e)));
        }
    }

    private String awaitTheirs() throws IOException {
        try {
            return theirs.get();
        } catch (CancellationException | InterruptedException e) {
            throw new IOException("cancelled", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private void tell(PairState next) {
        if (!state.isFinal()) {
            state = next;
            listener.accept(next);
        }
    }
}
