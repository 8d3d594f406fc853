package org.annexp2p.protocol.program;

import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * Runs a program one instruction at a time with an explicit continuation stack (a loop, never recursion),
 * so any depth of binding runs in constant Java stack. Interpreters call {@link #next()}, perform the
 * instruction it returns, and {@link #resume(Object)} with the result. Being resumable, it also lets a
 * simulation interleave two programs deterministically on one thread.
 */
public final class Machine<A> {

    /** What the machine needs next. */
    public sealed interface Step<A> {
        record Done<A>(A value) implements Step<A> {}

        record Perform<A>(Instruction<?> instruction) implements Step<A> {}
    }

    private Program<?> current;
    private final ArrayDeque<Function<Object, Program<?>>> continuations = new ArrayDeque<>();
    private boolean waiting;

    public Machine(Program<A> program) {
        this.current = program;
    }

    @SuppressWarnings("unchecked")
    public Step<A> next() {
        if (waiting) {
            throw new IllegalStateException("resume the pending instruction first");
        }
        while (true) {
            if (current instanceof Program.Pure<?> p) {
                Function<Object, Program<?>> k = continuations.pollFirst();
                if (k == null) {
                    return new Step.Done<>((A) p.value());
                }
                current = k.apply(p.value());
            } else if (current instanceof Program.Bind<?, ?> b) {
                continuations.addFirst((Function<Object, Program<?>>) (Function<?, ?>) b.next());
                current = b.program();
            } else {
                waiting = true;
                return new Step.Perform<>((Instruction<?>) current);
            }
        }
    }

    /** Gives the result of the instruction {@link #next()} returned. */
    public void resume(Object result) {
        if (!waiting) {
            throw new IllegalStateException("no instruction is pending");
        }
        waiting = false;
        current = new Program.Pure<>(result);
    }
}
