package org.annexp2p.wormhole;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What both sides of a blob exchange do once the key is confirmed: each sends its blob as phase 0 and reads the
 * other's, as the python library's {@code send_message}/{@code get_message} do, then closes happily.
 */
final class BlobExchange {

    private BlobExchange() {
    }

    static byte[] swap(Session session, byte[] blob) throws WormholeException {
        try (session) {
            session.sendRaw(blob);
            byte[] theirs = session.receiveRaw();
            session.close("happy");
            return theirs;
        }
    }

    static WormholeOptions options(String appId, Optional<URI> rendezvousUrl) {
        WormholeOptions options = WormholeOptions.defaults().withAppId(appId);
        return rendezvousUrl.map(options::withRelayUrl).orElse(options);
    }

    interface Step<T> {
        T run() throws WormholeException;
    }

    /** Runs {@code step} on a thread of its own (it blocks on the network), completing the future with its outcome. */
    static <T> CompletableFuture<T> async(Step<T> step) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(step.run());
            } catch (WormholeException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "wormhole-blob-exchange");
        thread.setDaemon(true);
        thread.start();
        return future;
    }
}
