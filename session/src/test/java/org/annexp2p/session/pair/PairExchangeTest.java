package org.annexp2p.session.pair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.annexp2p.protocol.wire.AuthToken;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.WrongCodeException;
import org.annexp2p.wormhole.code.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pairing exchange against a mailbox in memory: what goes out, what comes in, and every way it stops. */
@Timeout(60)
class PairExchangeTest {
    static final String ONION_A = "lwkwvuvzt4g2gwkcom6wccjbqxzx427f66gog54tftaw2dp5oqmt6jqd.onion";
    static final String ONION_B = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid.onion";
    static final PairData A = data("a", ONION_A);
    static final PairData B = data("b", ONION_B);

    @TempDir
    Path tmp;
    final FakeMailbox mailbox = new FakeMailbox();

    static PairData data(String fill, String onion) {
        return new PairData(AuthToken.parse(fill.repeat(PairData.HALF_LENGTH)).get(),
                List.of(PairAddress.parse("tor-annex::" + onion + ":5432")));
    }

    PairExchange exchange(String side) throws Exception {
        return new PairExchange(mailbox.side(), Files.createDirectories(tmp.resolve(side)));
    }

    @Test
    void eachSideGetsTheOthersPairDataWhenBothTypeTheOthersCode() throws Exception {
        assertThat(pairBoth(Code::value)).isEqualTo(B);
        assertThat(Files.readString(tmp.resolve("a/send"), StandardCharsets.US_ASCII)).isEqualTo(A.format());
        assertThat(mailbox.interruptedSends).isEmpty();
    }

    @Test
    void aCodeTypedWithSpacesIsTheCodeWithHyphens() throws Exception {
        assertThat(pairBoth(theirs -> "  " + theirs.value().replace('-', ' ') + "\n")).isEqualTo(B);
    }

    /** Sides a and b at once, a typing b's code as {@code typedByA} says; what a got (b must get a's). */
    private PairData pairBoth(java.util.function.Function<Code, String> typedByA) throws Exception {
        CompletableFuture<Code> codeA = new CompletableFuture<>();
        CompletableFuture<Code> codeB = new CompletableFuture<>();
        PairExchange a = exchange("a");
        PairExchange b = exchange("b");
        CompletableFuture<PairData> gotByB = CompletableFuture.supplyAsync(() -> {
            try {
                return b.run(B, ours -> {
                    codeB.complete(ours);
                    return join(codeA).value();
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        PairData gotByA = a.run(A, ours -> {
            codeA.complete(ours);
            return typedByA.apply(join(codeB));
        });
        assertThat(gotByB.get(30, TimeUnit.SECONDS)).isEqualTo(A);
        assertThat(codeA.get()).isNotEqualTo(codeB.get());
        return gotByA;
    }

    @Test
    void ourOwnCodeIsRefusedBeforeAnythingIsReceived() throws Exception {
        PairExchange a = exchange("a");
        assertThatThrownBy(() -> a.run(A, Code::value)).isInstanceOf(PairExchangeException.class)
                .extracting(e -> ((PairExchangeException) e).step()).isEqualTo(PairExchangeException.Step.OWN_CODE);
        assertThat(tmp.resolve("a/recv")).doesNotExist();
        assertThat(mailbox.interruptedSends).as("our send stops waiting for a receiver").hasSize(1);
    }

    @Test
    void aTextInsteadOfAFileIsNotPairData() throws Exception {
        Code theirs = mailbox.sendText(B.format());
        assertThatThrownBy(() -> exchangeExpectingNoReceiver(theirs.value()))
                .isInstanceOf(PairExchangeException.class).hasMessageContaining("text, not pair data")
                .extracting(e -> ((PairExchangeException) e).step()).isEqualTo(PairExchangeException.Step.RECEIVING);
    }

    @Test
    void anOfferLargerThanPairDataIsRefusedBeforeItArrives() throws Exception {
        Code theirs = mailbox.sendBytes(new byte[PairData.MAX_BYTES + 1]);
        assertThatThrownBy(() -> exchangeExpectingNoReceiver(theirs.value()))
                .isInstanceOf(PairExchangeException.class)
                .extracting(e -> ((PairExchangeException) e).step()).isEqualTo(PairExchangeException.Step.RECEIVING);
        assertThat(mailbox.refusedSizes).containsExactly((long) PairData.MAX_BYTES + 1);
        assertThat(tmp.resolve("a/recv")).doesNotExist();
    }

    @Test
    void garbageIsNotPairData() throws Exception {
        Code theirs = mailbox.sendBytes("not a token half\n".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> exchangeExpectingNoReceiver(theirs.value()))
                .isInstanceOf(InvalidPairDataException.class).hasMessageContaining("token half");
    }

    @Test
    void aWrongCodeFailsKeyConfirmationWhileReceiving() throws Exception {
        Code theirs = mailbox.sendBytes(B.format().getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> exchangeExpectingNoReceiver(theirs.nameplate() + "-wrong-words"))
                .isInstanceOf(PairExchangeException.class).hasCauseInstanceOf(WrongCodeException.class)
                .extracting(e -> ((PairExchangeException) e).step()).isEqualTo(PairExchangeException.Step.RECEIVING);
    }

    @Test
    void somethingThatIsNoCodeFailsAsTheWormholeSays() throws Exception {
        assertThatThrownBy(() -> exchangeExpectingNoReceiver("purple")).isInstanceOf(InvalidCodeException.class);
    }

    @Test
    void aSendThatFailsBeforeItsCodeIsKnownFailsTheExchangeAsSending() throws Exception {
        PairingWormhole down = new PairingWormhole() {
            @Override
            public void sendFile(Path file, java.util.function.Consumer<Code> codeReady)
                    throws org.annexp2p.wormhole.WormholeException {
                throw new org.annexp2p.wormhole.WormholeTimeoutException("the mailbox server did not answer");
            }

            @Override
            public org.annexp2p.wormhole.Received receive(Code code, org.annexp2p.wormhole.ReceiveListener l) {
                throw new AssertionError("nothing is received when nothing could be sent");
            }
        };
        PairExchange a = new PairExchange(down, Files.createDirectories(tmp.resolve("a")));
        assertThatThrownBy(() -> a.run(A, ours -> {
            throw new AssertionError("no code to show");
        })).isInstanceOf(PairExchangeException.class).hasMessage("the mailbox server did not answer")
                .extracting(e -> ((PairExchangeException) e).step()).isEqualTo(PairExchangeException.Step.SENDING);
    }

    /**
     * A pairing is cancelled by interrupting its thread: the exchange still waits for its stopped send to release
     * its nameplate before it ends (an interruptible join returned at once, and the process could exit first), and
     * leaves the interrupt to its caller.
     */
    @Test
    void aCancelledExchangeEndsOnlyOnceItsSendHasWoundDown() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicBoolean released = new AtomicBoolean();
        PairingWormhole slowToRelease = new PairingWormhole() {
            @Override
            public void sendFile(Path file, java.util.function.Consumer<Code> codeReady)
                    throws org.annexp2p.wormhole.WormholeException {
                codeReady.accept(Code.parse("7-purple-sausages"));
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    // Releasing the nameplate takes a round trip to the mailbox server.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                    released.set(true);
                    throw new org.annexp2p.wormhole.WormholeTimeoutException("interrupted while waiting for the receiver");
                }
            }

            @Override
            public org.annexp2p.wormhole.Received receive(Code code, org.annexp2p.wormhole.ReceiveListener l) {
                throw new AssertionError("nothing is received once cancelled");
            }
        };
        PairExchange a = new PairExchange(slowToRelease, Files.createDirectories(tmp.resolve("a")));
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread pairing = new Thread(() -> {
            try {
                a.run(A, ours -> {
                    // What PairingJob's cancel does to a pairing waiting for the other side's code.
                    Thread.currentThread().interrupt();
                    throw new java.io.IOException("cancelled");
                });
            } catch (Exception expected) {
                // cancelled
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
            assertThat(released).as("the send had released its nameplate when the exchange ended").isTrue();
        }, "pairing");
        List<Throwable> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        pairing.setUncaughtExceptionHandler((t, e) -> failed.add(e));
        pairing.start();
        pairing.join();
        assertThat(failed).isEmpty();
        assertThat(interrupted.getCount()).as("the send was stopped").isZero();
        assertThat(stillInterrupted).as("the caller's interrupt is kept").isTrue();
    }

    /** Side a against an offer already waiting: a's own send never finds a receiver and is stopped at the end. */
    private PairData exchangeExpectingNoReceiver(String typed) throws Exception {
        PairExchange a = exchange("a");
        try {
            return a.run(A, ours -> typed);
        } finally {
            assertThat(mailbox.interruptedSends).hasSize(1);
        }
    }

    private static Code join(CompletableFuture<Code> code) {
        try {
            return code.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
