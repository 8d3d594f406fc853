package org.annexp2p.interpreters;

import io.vavr.control.Option;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;

/**
 * The interpreter for everything that happens before a peer has authenticated. It is built from a Net handler
 * alone and holds no repository, so no program it runs can touch one: every Local instruction ends the run
 * with git-annex's own wording, "unexpected annex operation attempted".
 */
public final class Unauthenticated {
    public static final String REFUSAL = "unexpected annex operation attempted";

    private final Net.Handler net;

    public Unauthenticated(Net.Handler net) {
        this.net = net;
    }

    public <A> Outcome<A> run(Program<A> program) {
        return Runner.run(program, net, Option.none());
    }
}
