package org.annexp2p.interpreters;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Predicate;
import org.annexp2p.protocol.program.Instruction;
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

    /** As {@link #run}, stopping (Left) before the first instruction {@code stopBefore} accepts. */
    <A> Either<Runner.Paused<A>, Outcome<A>> runUntil(Program<A> program, Predicate<Instruction<?>> stopBefore) {
        return Runner.runUntil(program, net, Option.some(local), stopBefore);
    }

    /** Goes on with a run {@link #runUntil} stopped, until it stops again or ends. */
    <A> Either<Runner.Paused<A>, Outcome<A>> proceed(Runner.Paused<A> paused, Predicate<Instruction<?>> stopBefore) {
        return Runner.proceed(paused, net, Option.some(local), stopBefore);
    }
}
