package org.annexp2p.session.pair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.annexp2p.wormhole.InvalidCodeException;
import org.annexp2p.wormhole.ReceiveListener;
import org.annexp2p.wormhole.Received;
import org.annexp2p.wormhole.TransferException;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.WormholeTimeoutException;
import org.annexp2p.wormhole.WrongCodeException;
import org.annexp2p.wormhole.code.Code;

/**
 * A mailbox server in memory: a send allocates the next nameplate and waits for its receiver, a receive under
 * the right code takes the offer (if its listener accepts it), under a wrong code fails key confirmation.
 */
final class FakeMailbox {
    /** What a send left under a nameplate: a file's bytes, or a text. */
    record Offer(Code code, byte[] bytes, boolean text, CompletableFuture<Void> taken) {}

    private final AtomicInteger nameplates = new AtomicInteger(1);
    private final Map<String, CompletableFuture<Offer>> slots = new ConcurrentHashMap<>();
    /** Every sender that gave up waiting because it was interrupted. */
    final List<Code> interruptedSends = new CopyOnWriteArrayList<>();
    /** Offers a receiver's listener refused, by size. */
    final List<Long> refusedSizes = new CopyOnWriteArrayList<>();

    PairingWormhole side() {
        return new PairingWormhole() {
            @Override
            public void sendFile(Path file, Consumer<Code> codeReady) throws WormholeException {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                offer(bytes, false, codeReady);
            }

            @Override
            public Received receive(Code code, ReceiveListener listener) throws WormholeException {
                return take(code, listener);
            }
        };
    }

    /** Leaves a text under a fresh code (as `wormhole send --text` would) without waiting; returns the code. */
    Code sendText(String text) throws InvalidCodeException {
        Code code = Code.parse(nameplates.getAndIncrement() + "-text-only");
        slot(code).complete(new Offer(code, text.getBytes(), true, new CompletableFuture<>()));
        return code;
    }

    /** Leaves a file under a fresh code without waiting for its receiver; returns the code. */
    Code sendBytes(byte[] bytes) throws InvalidCodeException {
        Code code = Code.parse(nameplates.getAndIncrement() + "-bytes-only");
        slot(code).complete(new Offer(code, bytes, false, new CompletableFuture<>()));
        return code;
    }

    private void offer(byte[] bytes, boolean text, Consumer<Code> codeReady) throws WormholeException {
        Code code = Code.parse(nameplates.getAndIncrement() + "-purple-sausages");
        Offer offer = new Offer(code, bytes, text, new CompletableFuture<>());
        slot(code).complete(offer);
        codeReady.accept(code);
        try {
            offer.taken().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interruptedSends.add(code);
            throw new WormholeTimeoutException("interrupted while waiting for the receiver");
        } catch (ExecutionException e) {
            throw new TransferException("the receiver refused the file");
        } catch (TimeoutException e) {
            throw new WormholeTimeoutException("no receiver came");
        }
    }

    private Received take(Code code, ReceiveListener listener) throws WormholeException {
        Offer offer;
        try {
            offer = slot(code).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new WormholeTimeoutException("no sender came");
        }
        if (!offer.code().equals(code)) {
            offer.taken().completeExceptionally(new WrongCodeException());
            throw new WrongCodeException();
        }
        if (offer.text()) {
            offer.taken().complete(null);
            return new Received.Text(new String(offer.bytes()));
        }
        Optional<Path> to = listener.acceptFile(new ReceiveListener.IncomingFile("send", offer.bytes().length));
        if (to.isEmpty()) {
            refusedSizes.add((long) offer.bytes().length);
            offer.taken().completeExceptionally(new TransferException("refused"));
            throw new TransferException("the file was refused");
        }
        try {
            Files.write(to.get(), offer.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        offer.taken().complete(null);
        return new Received.File(to.get(), offer.bytes().length, "not checked here", "direct");
    }

    private CompletableFuture<Offer> slot(Code code) {
        return slots.computeIfAbsent(code.nameplate(), n -> new CompletableFuture<>());
    }
}
