package org.annexp2p.wormhole;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.annexp2p.wormhole.code.Code;

/**
 * The side of a blob exchange that shows a code: {@link #start} allocates it, {@link #finish} waits for whoever
 * types it (a {@link BlobReceiver}, or the python library's {@code set_code}), gives them this side's blob and
 * returns theirs. Each step has a blocking and a {@link CompletableFuture} form; failures are the typed
 * {@link WormholeException}s ({@link WrongCodeException} when the other side typed a wrong code).
 */
public final class BlobInitiator implements AutoCloseable {

    private final WormholeOptions options;
    private final byte[] blob;
    private Rendezvous rendezvous;
    private boolean finishing;

    /** With the public mailbox server unless {@code rendezvousUrl} names another. */
    public BlobInitiator(String appId, byte[] blob, Optional<URI> rendezvousUrl) {
        this(BlobExchange.options(appId, rendezvousUrl), blob);
    }

    public BlobInitiator(WormholeOptions options, byte[] blob) {
        this.options = options;
        this.blob = blob.clone();
    }

    /** The code to show the other side; its nameplate is claimed on the server from now until {@link #finish}. */
    public synchronized Code start() throws WormholeException {
        if (rendezvous == null) {
            rendezvous = Rendezvous.begin(options, Optional.empty());
        }
        return rendezvous.code();
    }

    public CompletableFuture<Code> startAsync() {
        return BlobExchange.async(this::start);
    }

    /** Waits for the other side, then swaps blobs; call once, after {@link #start}. */
    public byte[] finish() throws WormholeException {
        Rendezvous started;
        synchronized (this) {
            if (rendezvous == null || finishing) {
                throw new IllegalStateException(rendezvous == null ? "start() has not returned a code yet" : "finish() was already called");
            }
            finishing = true;
            started = rendezvous;
        }
        return BlobExchange.swap(started.complete(), blob);
    }

    public CompletableFuture<byte[]> finishAsync() {
        return BlobExchange.async(this::finish);
    }

    /** Gives the code up if {@link #finish} never ran, so the nameplate is free again at once. */
    @Override
    public synchronized void close() {
        if (rendezvous != null && !finishing) {
            finishing = true;
            rendezvous.abandon("lonely");
        }
    }
}
