package org.annexp2p.interpreters.simulation;

import io.vavr.control.Option;
import java.util.function.Function;
import org.annexp2p.protocol.program.Local;
import org.annexp2p.protocol.program.Program;

/**
 * One phase of a simulated peer: a program, run with a repository or without one (then, like the
 * unauthenticated interpreter, every Local instruction is refused), and what comes after it.
 */
public record Phase(Program<?> program, Option<Local.Handler> local, Function<Object, Option<Phase>> andThen) {

    /** A phase that may not touch any repository. */
    public static Phase netOnly(Program<?> program) {
        return new Phase(program, Option.none(), r -> Option.none());
    }

    public static Phase full(Program<?> program, Local.Handler local) {
        return new Phase(program, Option.some(local), r -> Option.none());
    }

    /** The phase to run next, chosen from this phase's result (none ends the peer). */
    @SuppressWarnings("unchecked")
    public <A> Phase andThen(Function<A, Option<Phase>> next) {
        return new Phase(program, local, r -> next.apply((A) r));
    }
}
