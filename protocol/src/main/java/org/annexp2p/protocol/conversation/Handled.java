package org.annexp2p.protocol.conversation;

/**
 * What a server handler made of one message: keep serving, answer "unexpected command" and keep serving, or
 * stop with the conversation's result.
 */
sealed interface Handled<T> {
    record Next<T>() implements Handled<T> {}

    record Unexpected<T>() implements Handled<T> {}

    record Stop<T>(T result) implements Handled<T> {}

    static <T> Handled<T> next() {
        return new Next<>();
    }

    static <T> Handled<T> unexpected() {
        return new Unexpected<>();
    }

    static <T> Handled<T> stop(T result) {
        return new Stop<>(result);
    }
}
