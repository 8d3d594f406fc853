package org.annexp2p.interpreters;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.util.function.Predicate;
import org.annexp2p.protocol.program.Instruction;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Machine;
import org.annexp2p.protocol.program.Net;
import org.annexp2p.protocol.program.Program;

/**
 * The one loop every interpreter that performs instructions shares: step the machine, perform, resume.
 * Stack-safe. A run may also stop before an instruction and be continued later, on any thread ({@link Paused}).
 */
final class Runner {
    private Runner() {}

    /** A run stopped before performing {@code pending}; {@link #proceed} performs it and goes on. */
    record Paused<A>(Machine<A> machine, Instruction<?> pending) {}

    /** Runs {@code program}; without a {@code local} handler every Local instruction ends the run, refused. */
    static <A> Outcome<A> run(Program<A> program, Net.Handler net, Option<Local.Handler> local) {
        return runUntil(program, net, local, i -> false).get();
    }

    /** As {@link #run}, stopping (Left) before the first instruction {@code stopBefore} accepts. */
    static <A> Either<Paused<A>, Outcome<A>> runUntil(Program<A> program, Net.Handler net, Option<Local.Handler> local,
            Predicate<Instruction<?>> stopBefore) {
        return loop(new Machine<>(program), null, net, local, stopBefore);
    }

    /** Goes on with a paused run: performs its pending instruction, then runs as {@link #runUntil} does. */
    static <A> Either<Paused<A>, Outcome<A>> proceed(Paused<A> paused, Net.Handler net, Option<Local.Handler> local,
            Predicate<Instruction<?>> stopBefore) {
        return loop(paused.machine(), paused.pending(), net, local, stopBefore);
    }

    private static <A> Either<Paused<A>, Outcome<A>> loop(Machine<A> machine, Instruction<?> pending, Net.Handler net,
            Option<Local.Handler> local, Predicate<Instruction<?>> stopBefore) {
        try {
            Instruction<?> next = pending;
            while (true) {
                if (next == null) {
                    Machine.Step<A> step = machine.next();
                    if (step instanceof Machine.Step.Done<A> done) {
                        return Either.right(new Outcome.Completed<>(done.value()));
                    }
                    next = ((Machine.Step.Perform<A>) step).instruction();
                    if (stopBefore.test(next)) {
                        return Either.left(new Paused<>(machine, next));
                    }
                }
                Object result = perform(next, net, local);
                next = null;
                machine.resume(result);
            }
        } catch (PeerClosedException e) {
            return Either.right(new Outcome.PeerClosed<>());
        } catch (IOException e) {
            return Either.right(new Outcome.Failed<>(FailureReason.of(e)));
        }
    }

    /** Instruction is sealed: what is not Net is Local. */
    private static Object perform(Instruction<?> instruction, Net.Handler net, Option<Local.Handler> local)
            throws IOException {
        if (instruction instanceof Net<?> n) {
            return n.accept(net);
        }
        if (local.isEmpty()) {
            throw new IOException(Unauthenticated.REFUSAL);
        }
        return ((Local<?>) instruction).accept(local.get());
    }
}
