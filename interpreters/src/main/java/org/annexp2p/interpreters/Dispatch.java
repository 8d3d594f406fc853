package org.annexp2p.interpreters;

import java.io.IOException;
import org.annexp2p.protocol.program.Instruction;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Net;

/**
 * Routes an instruction to its Net or Local performer through {@link Instruction#select}, which makes every
 * interpreter say what it does with both kinds. (Checked exceptions cross {@code select} in a tunnel.)
 */
final class Dispatch {
    private Dispatch() {}

    @FunctionalInterface
    interface LocalPerformer {
        Object perform(Local<?> instruction) throws IOException;
    }

    static Object perform(Instruction<?> instruction, Net.Handler net, LocalPerformer local) throws IOException {
        try {
            return instruction.<Object>select(n -> call(() -> n.accept(net)), l -> call(() -> local.perform(l)));
        } catch (Tunnel t) {
            throw t.io();
        }
    }

    @FunctionalInterface
    private interface IoCall {
        Object call() throws IOException;
    }

    private static Object call(IoCall c) {
        try {
            return c.call();
        } catch (IOException e) {
            throw new Tunnel(e);
        }
    }

    private static final class Tunnel extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Tunnel(IOException cause) {
            super(null, cause, false, false);
        }

        IOException io() {
            return (IOException) getCause();
        }
    }
}
