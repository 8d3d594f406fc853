package org.annexp2p.session.lan;

import java.util.List;

/**
 * Where a LAN pairing job is ({@link LanPairingJob}), for a front end that shows it: the devices meeting (by a
 * phrase, a QR code shown, its text given, or discovery first with the devices nearby), then pairing, then paired or
 * failed. What the other device tells about itself is escaped already.
 */
public sealed interface LanState {

    /** Opening this device's endpoints. */
    record Starting() implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.starting(this);
        }
    }

    /** Discovery looks for the other device for up to {@code seconds}. */
    record Looking(String what, long seconds) implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.looking(this);
        }
    }

    /** Our QR code's text (the same as the image): the other device scans it or is given the text. */
    record ShowingQr(String payload, boolean findable) implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.showingQr(this);
        }
    }

    /** This device waits at {@code address}, which the other device must be given. */
    record WaitingAt(String address) implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.waitingAt(this);
        }
    }

    /** The devices heard waiting to pair, first heard first. */
    record Nearby(List<Device> devices) implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.nearby(this);
        }
    }

    /** One device heard nearby: its address and the id it announces. */
    record Device(String address, String id) {
    }

    /** Waiting for the text under the QR code of the device the person means ({@link LanPairingJob#payload}). */
    record AskingForPayload() implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.askingForPayload(this);
        }
    }

    /** The device at {@code address} proved it shows that QR code. */
    record Confirmed(String address) implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.confirmed(this);
        }
    }

    /** The devices met; proving the secret, exchanging keys and making the first link. */
    record Pairing() implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.pairing(this);
        }
    }

    /** Paired and saved: the other repository's UUID, how it described itself, and its key. */
    record Paired(String peer, String description, String key) implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.paired(this);
        }
    }

    /** Not paired, for {@code reason}; {@code advice} says what to try. Nothing was saved. */
    record Failed(String reason, String advice) implements LanState {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.failed(this);
        }
    }

    default boolean isFinal() {
        return this instanceof Paired || this instanceof Failed;
    }

    /** This case given to {@code visitor}'s method for it. */
    <R> R accept(Visitor<R> visitor);

    /** One method per state, so that a front end mapping them all fails to compile when a state is added. */
    interface Visitor<R> {
        R starting(Starting starting);

        R looking(Looking looking);

        R showingQr(ShowingQr showingQr);

        R waitingAt(WaitingAt waitingAt);

        R nearby(Nearby nearby);

        R askingForPayload(AskingForPayload askingForPayload);

        R confirmed(Confirmed confirmed);

        R pairing(Pairing pairing);

        R paired(Paired paired);

        R failed(Failed failed);
    }
}
