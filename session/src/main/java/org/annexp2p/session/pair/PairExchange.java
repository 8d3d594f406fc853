package org.annexp2p.session.pair;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.annexp2p.session.pair.PairExchangeException.Step;
import org.annexp2p.wormhole.Received;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.code.Code;

/**
 * One side of git-annex's {@code p2p --pair} exchange: our pair data goes out under a fresh code while theirs
 * comes in under the code the user gives, at the same time, as git-annex does. Nothing is stored here: a failure
 * on either side (wrong code, garbage, unreachable server) leaves the repository untouched.
 */
public final class PairExchange {

    /** The user's part, once our code is known: show it, and give back the other side's code as typed. */
    @FunctionalInterface
    public interface Codes {
        String theirs(Code ours) throws IOException;
    }

    /** How long a stopped send may take to release its nameplate on the way out. */
    private static final Duration SENDER_WIND_DOWN = Duration.ofSeconds(5);

    private final PairingWormhole wormhole;
    private final Path dir;

    /** {@code privateDir}: a directory only we can read, for the pair data going out and coming in. */
    public PairExchange(PairingWormhole wormhole, Path privateDir) {
        this.wormhole = wormhole;
        this.dir = privateDir;
    }

    /**
     * Sends {@code ours}, receives theirs. A code that is not one fails with the wormhole's
     * {@link org.annexp2p.wormhole.InvalidCodeException}, data that is not pair data with
     * {@link InvalidPairDataException}, anything else with a {@link PairExchangeException}.
     */
    public PairData run(PairData ours, Codes codes) throws IOException, WormholeException, InterruptedException {
        Path send = dir.resolve("send");
        Files.writeString(send, ours.format(), StandardCharsets.US_ASCII);
        CompletableFuture<Code> ourCode = new CompletableFuture<>();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        // A thread of our own, not the common pool, so that a failed receive can interrupt a send still
        // waiting for the other side; the wormhole then releases its nameplate on the way out.
        Thread sender = new Thread(() -> {
            try {
                wormhole.sendFile(send, ourCode::complete);
                sent.complete(null);
            } catch (Exception | Error e) {
                sent.completeExceptionally(e);
                ourCode.completeExceptionally(e);
            }
        }, "pair-send");
        sender.setDaemon(true);
        sender.start();
        try {
            Code mine = sending(ourCode);
            Code theirCode = Code.parse(codes.theirs(mine).trim().replace(' ', '-'));
            if (theirCode.value().equals(mine.value())) {
                throw new PairExchangeException(Step.OWN_CODE, "the code given is this side's own", null);
            }
            PairData theirs = receive(theirCode);
            sending(sent);
            return theirs;
        } finally {
            if (sender.isAlive()) {
                sender.interrupt();
                awaitEnd(sender);
            }
        }
    }

    /**
     * Gives the interrupted sender up to {@link #SENDER_WIND_DOWN} to release its nameplate and end, also when this
     * thread was interrupted itself: that is how a pairing is cancelled, and an interruptible join then returned at
     * once, so the pairing ended (and its process could exit) with the send still on its way out. The interrupt is
     * kept for the caller.
     */
    private static void awaitEnd(Thread sender) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + SENDER_WIND_DOWN.toNanos();
        try {
            for (long left; sender.isAlive() && (left = deadline - System.nanoTime()) > 0; ) {
                try {
                    sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private PairData receive(Code code) throws IOException {
        Path recv = dir.resolve("recv");
        Received received;
        try {
            // Refused before a byte arrives: anything larger is not pair data.
            received = wormhole.receive(code,
                    offer -> offer.size() <= PairData.MAX_BYTES ? Optional.of(recv) : Optional.empty());
        } catch (WormholeException e) {
            throw new PairExchangeException(Step.RECEIVING, e.getMessage(), e);
        }
        if (!(received instanceof Received.File)) {
            throw new PairExchangeException(Step.RECEIVING, "the other side sent a text, not pair data", null);
        }
        return PairData.parse(Files.readAllBytes(recv));
    }

    /** The sender's result; it bounds its own waits (server and peer timeouts), so this join ends. */
    private static <T> T sending(CompletableFuture<T> f) throws PairExchangeException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new PairExchangeException(Step.SENDING, e.getCause().getMessage(), e.getCause());
        }
    }
}
