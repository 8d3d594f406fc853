package org.annexp2p.interpreters;

import io.vavr.control.Option;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;

/** The interpreter for an authenticated conversation: Net over a connection, Local over a repository. */
public final class Full {
    private final Net.Handler net;
    private final Local.Handler local;

    public Full(Net.Handler net, Local.Handler local) {
        this.net = net;
        this.local = local;
    }

    public <A> Outcome<A> run(Program<A> program) {
        return Runner.run(program, net, Option.some(local));
    }
}
