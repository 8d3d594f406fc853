package org.annexp2p.session.tor;

import org.annexp2p.tor.Reachability;

/**
 * What a front end hears while a repository's onion is published, in the order it happens: tor starting, a
 * leftover tor stopped, bootstrap progress, the address recorded, the descriptor uploaded, then reachable or
 * failed. Tor's own report lines come as {@link TorSaid} throughout. No event carries a token or a key.
 */
public sealed interface PublishEvent {

    /** Looking for or starting tor, as {@code policy} (auto, attach or launch) says. */
    record Starting(String policy) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.starting(this);
        }
    }

    /** A tor an earlier run left running for this repository was stopped first. */
    record StoppedLeftover(long pid) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.stoppedLeftover(this);
        }
    }

    /** Tor's bootstrap reached {@code percent} (100: ready); {@code summary} in tor's words. */
    record Bootstrap(int percent, String summary) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.bootstrap(this);
        }
    }

    /** The address is published and recorded in p2paddrs; measuring begins. */
    record Recorded(String address) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.recorded(this);
        }
    }

    /** Tor uploaded the onion's descriptor for the first time, so clients can find it. */
    record DescriptorUploaded(String address) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.descriptorUploaded(this);
        }
    }

    /** The onion answered through Tor; {@code reachability} says how long each step took. */
    record Reachable(String address, Reachability reachability) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reachable(this);
        }
    }

    /** Publishing stopped: {@code message} is one line saying what went wrong and what to do. */
    record Failed(String message) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failed(this);
        }
    }

    /** One line of what tor reports (see {@link org.annexp2p.tor.TorEventLine}). */
    record TorSaid(String line) implements PublishEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.torSaid(this);
        }
    }

    /** This case given to {@code visitor}'s method for it. */
    <R> R accept(Visitor<R> visitor);

    /** One method per event, so that a front end mapping them all fails to compile when an event is added. */
    interface Visitor<R> {
        R starting(Starting starting);

        R stoppedLeftover(StoppedLeftover stoppedLeftover);

        R bootstrap(Bootstrap bootstrap);

        R recorded(Recorded recorded);

        R descriptorUploaded(DescriptorUploaded descriptorUploaded);

        R reachable(Reachable reachable);

        R failed(Failed failed);

        R torSaid(TorSaid torSaid);
    }
}
