package org.annexp2p.wormhole;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.annexp2p.wormhole.code.Code;

/**
 * The side of a blob exchange that types the code a {@link BlobInitiator} (or the python library's
 * {@code allocate_code}) showed: {@link #finish} gives that side this blob and returns theirs. A wrong code is a
 * {@link WrongCodeException} on both sides.
 */
public final class BlobReceiver {

    private final WormholeOptions options;
    private final Code code;
    private final byte[] blob;

    /** With the public mailbox server unless {@code rendezvousUrl} names another. */
    public BlobReceiver(String appId, Code code, byte[] blob, Optional<URI> rendezvousUrl) {
        this(BlobExchange.options(appId, rendezvousUrl), code, blob);
    }

    public BlobReceiver(WormholeOptions options, Code code, byte[] blob) {
        this.options = options;
        this.code = code;
        this.blob = blob.clone();
    }

    public byte[] finish() throws WormholeException {
        return BlobExchange.swap(Rendezvous.begin(options, Optional.of(code)).complete(), blob);
    }

    public CompletableFuture<byte[]> finishAsync() {
        return BlobExchange.async(this::finish);
    }
}
