package org.annexp2p.session.pair;

/**
 * Where a wormhole pairing is ({@link WormholePairing}): our code is allocated, the other side's code was given
 * and we wait for its pair data, the data is exchanged and we link, then linked or failed. A later state never
 * leads back to an earlier one, and {@link Linked} and {@link Failed} are final.
 */
public sealed interface PairState {

    /** Asking the mailbox server for a code. */
    record Allocating() implements PairState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.allocating(this);
        }
    }

    /** Our code, to tell the other person; we wait for theirs. The code is short-lived and single-use, not a key. */
    record CodeAllocated(String code) implements PairState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.codeAllocated(this);
        }
    }

    /** Their code was given; the two sides' pair data are crossing through the mailbox. */
    record WaitingForPeer() implements PairState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.waitingForPeer(this);
        }
    }

    /** Pair data exchanged; linking to the other repository over its addresses, {@code tries} tries so far. */
    record Linking(int tries) implements PairState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.linking(this);
        }
    }

    /** Paired: the other repository's UUID and the remote added for it. */
    record Linked(String peer, String remote) implements PairState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.linked(this);
        }
    }

    /** Not paired, for {@code reason} (one line, what to do next included); nothing was saved. */
    record Failed(String reason) implements PairState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failed(this);
        }
    }

    /** Whether nothing can follow this state. */
    default boolean isFinal() {
        return this instanceof Linked || this instanceof Failed;
    }

    /** The order of states: each may be followed only by one of a higher rank, or by {@link Linking} again. */
    default int rank() {
        if (this instanceof Allocating) {
            return 0;
        } else if (this instanceof CodeAllocated) {
            return 1;
        } else if (this instanceof WaitingForPeer) {
            return 2;
        } else if (this instanceof Linking) {
            return 3;
        }
        return 4;
    }

    /** This case given to {@code visitor}'s method for it. */
    <R> R accept(Visitor<R> visitor);

    /** One method per state, so that a front end mapping them all fails to compile when a state is added. */
    interface Visitor<R> {
        R allocating(Allocating allocating);

        R codeAllocated(CodeAllocated codeAllocated);

        R waitingForPeer(WaitingForPeer waitingForPeer);

        R linking(Linking linking);

        R linked(Linked linked);

        R failed(Failed failed);
    }
}
