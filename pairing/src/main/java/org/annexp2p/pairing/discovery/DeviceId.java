package org.annexp2p.pairing.discovery;

import java.util.Objects;
import java.util.UUID;

/** Identifies one running installation; random per device, so a device can recognise its own announcements. */
public record DeviceId(UUID value) {

    public DeviceId {
        Objects.requireNonNull(value, "value");
    }

    public static DeviceId random() {
        return new DeviceId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
