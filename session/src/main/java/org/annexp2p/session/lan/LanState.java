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
    }

    /** Discovery looks for the other device for up to {@code seconds}. */
    record Looking(String what, long seconds) implements LanState {
    }

    /** Our QR code's text (the same as the image): the other device scans it or is given the text. */
    record ShowingQr(String payload, boolean findable) implements LanState {
    }

    /** This device waits at {@code address}, which the other device must be given. */
    record WaitingAt(String address) implements LanState {
    }

    /** The devices heard waiting to pair, first heard first. */
    record Nearby(List<Device> devices) implements LanState {
    }

    /** One device heard nearby: its address and the id it announces. */
    record Device(String address, String id) {
    }

    /** Waiting for the text under the QR code of the device the person means ({@link LanPairingJob#payload}). */
    record AskingForPayload() implements LanState {
    }

    /** The device at {@code address} proved it shows that QR code. */
    record Confirmed(String address) implements LanState {
    }

    /** The devices met; proving the secret, exchanging keys and making the first link. */
    record Pairing() implements LanState {
    }

    /** Paired and saved: the other repository's UUID, how it described itself, and its key. */
    record Paired(String peer, String description, String key) implements LanState {
    }

    /** Not paired, for {@code reason}; {@code advice} says what to try. Nothing was saved. */
    record Failed(String reason, String advice) implements LanState {
    }

    default boolean isFinal() {
        return this instanceof Paired || this instanceof Failed;
    }
}
