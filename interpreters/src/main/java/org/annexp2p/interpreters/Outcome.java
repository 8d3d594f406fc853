package org.annexp2p.interpreters;

/** How running a program ended. */
public sealed interface Outcome<A> {

    /** The program ran to its end with this result. */
    record Completed<A>(A value) implements Outcome<A> {}

    /** The peer hung up while we waited for it; for a server between requests this is a normal end. */
    record PeerClosed<A>() implements Outcome<A> {}

    /** The run stopped: a protocol error, an I/O failure, or a refused instruction. Never contains secrets. */
    record Failed<A>(String reason) implements Outcome<A> {}

    default boolean completed() {
        return this instanceof Completed;
    }

    /** The result, or an exception carrying why there is none. */
    default A orThrow() {
        if (this instanceof Completed<A> c) {
            return c.value();
        }
        throw new IllegalStateException(this instanceof Failed<A> f ? f.reason() : "the peer closed the connection");
    }
}
