package org.annexp2p.session.pair;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.annexp2p.wormhole.ReceiveListener;
import org.annexp2p.wormhole.Received;
import org.annexp2p.wormhole.Wormhole;
import org.annexp2p.wormhole.WormholeException;
import org.annexp2p.wormhole.code.Code;

/** The two Magic Wormhole operations a pairing uses; {@link #over} gives them of a real wormhole. */
public interface PairingWormhole {

    /** Sends {@code file} under a fresh code, handed to {@code codeReady} as soon as it is known. */
    void sendFile(Path file, Consumer<Code> codeReady) throws WormholeException;

    /** Receives what the other side sends under {@code code}. */
    Received receive(Code code, ReceiveListener listener) throws WormholeException;

    static PairingWormhole over(Wormhole wormhole) {
        return new PairingWormhole() {
            @Override
            public void sendFile(Path file, Consumer<Code> codeReady) throws WormholeException {
                wormhole.sendFile(file, Optional.empty(), codeReady::accept);
            }

            @Override
            public Received receive(Code code, ReceiveListener listener) throws WormholeException {
                return wormhole.receive(code, listener);
            }
        };
    }
}
