package org.annexp2p.protocol.program;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A protocol conversation as data: a pure value, one {@link Instruction}, or a program followed by what to do
 * with its result. Programs do nothing by themselves; an interpreter gives them meaning. Binding only builds
 * objects, and {@link Machine} runs them with a loop, so programs of millions of steps are stack-safe.
 */
public sealed interface Program<A> permits Program.Pure, Program.Bind, Instruction {

    record Pure<A>(A value) implements Program<A> {}

    record Bind<X, A>(Program<X> program, Function<? super X, ? extends Program<A>> next) implements Program<A> {
        public Bind {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(next, "next");
        }
    }

    static <A> Program<A> pure(A value) {
        return new Pure<>(value);
    }

    static Program<Unit> done() {
        return new Pure<>(Unit.UNIT);
    }

    /** A program built only when it is reached: how loops are written without recursion at build time. */
    static <A> Program<A> defer(Supplier<Program<A>> program) {
        return new Bind<>(done(), u -> program.get());
    }

    default <B> Program<B> flatMap(Function<? super A, ? extends Program<B>> next) {
        return new Bind<>(this, next);
    }

    default <B> Program<B> map(Function<? super A, ? extends B> f) {
        return new Bind<>(this, a -> new Pure<>(f.apply(a)));
    }

    default <B> Program<B> then(Program<B> next) {
        return new Bind<>(this, a -> next);
    }

    /** Like {@link #then(Program)}, but the next program is built lazily. */
    default <B> Program<B> then(Supplier<Program<B>> next) {
        return new Bind<>(this, a -> next.get());
    }
}
