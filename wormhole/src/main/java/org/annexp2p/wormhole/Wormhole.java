package org.annexp2p.wormhole;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.annexp2p.wormhole.code.Code;
import org.annexp2p.wormhole.mailbox.MailboxClient;

/**
 * Magic Wormhole, interoperable with the Python CLI 0.12. Stateless apart from its options: each
 * call runs its own wormhole, so sends and receives may run concurrently on different threads
 * (git-annex's pairing does one of each at the same time).
 */
public final class Wormhole {

    private final WormholeOptions options;

    public Wormhole(WormholeOptions options) {
        this.options = options;
    }

    public WormholeOptions options() {
        return options;
    }

    /** Sends a text message; with no code given, one is allocated and passed to {@link SendListener#codeReady}. */
    public void sendText(String text, Optional<Code> code, SendListener listener) throws WormholeException {
        new TextTransfer(options).send(text, code, listener);
    }

    /** Sends one file and returns once the receiver has acknowledged its SHA-256. */
    public FileSent sendFile(Path file, Optional<Code> code, SendListener listener) throws WormholeException {
        return new FileSending(options).send(file, code, listener);
    }

    /** Receives whatever the sender offers: a text, or a file if {@link ReceiveListener#acceptFile} says where. */
    public Received receive(Code code, ReceiveListener listener) throws WormholeException {
        return new Receiving(options).receive(code, listener);
    }

    /** Nameplates currently in use on the server for this appid, for code completion. */
    public List<String> nameplates() throws WormholeException {
        try (MailboxClient client = MailboxClient.connect(options.relayUrl(), options.appId(), MailboxClient.newSide(),
                options.serverTimeout())) {
            return client.listNameplates();
        }
    }
}
