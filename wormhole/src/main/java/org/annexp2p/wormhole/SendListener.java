package org.annexp2p.wormhole;

import org.annexp2p.wormhole.code.Code;

/** Callbacks while sending; all but {@link #codeReady} are optional. Called on the sending thread. */
public interface SendListener {

    /** The code to read to the other person; called before the transfer starts, as soon as it is known. */
    void codeReady(Code code);

    /** After the key is confirmed; return false to abandon the transfer (the python CLI's {@code --verify}). */
    default boolean verify(String verifier) {
        return true;
    }

    default void transitConnected(String route) {
    }

    default void progress(long done, long total) {
    }
}
