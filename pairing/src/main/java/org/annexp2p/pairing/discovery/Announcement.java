package org.annexp2p.pairing.discovery;

import java.util.Objects;
import java.util.UUID;

/**
 * What discovery puts on the LAN. Every variant carries a random nonce and the sender's clock so that a
 * receiver can refuse replays and stale copies; the codec adds the HMAC.
 */
public sealed interface Announcement {

    int NONCE_BYTES = 16;

    DeviceId device();

    Nonce nonce();

    long timestampMillis();

    /**
     * "I am here": the TCP listener port and the notifier id (random per start, so a peer notices restarts).
     */
    record Presence(DeviceId device, int listenerPort, long notifierId, Nonce nonce, long timestampMillis) implements Announcement {
        public Presence {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(nonce, "nonce");
            requirePort(listenerPort);
        }
    }

    /** "Where is repository {@code repository} now?" asked by {@code device}. */
    record WhereIs(DeviceId device, UUID repository, Nonce nonce, long timestampMillis) implements Announcement {
        public WhereIs {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(nonce, "nonce");
        }
    }

    /** The answer to {@link WhereIs}: the repository is served by {@code device} on {@code listenerPort}. */
    record HereIs(DeviceId device, UUID repository, int listenerPort, long notifierId, Nonce nonce, long timestampMillis) implements Announcement {
        public HereIs {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(repository, "repository");
            Objects.requireNonNull(nonce, "nonce");
            requirePort(listenerPort);
        }
    }

    private static void requirePort(int port) {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("listener port must be within 1..65535, was " + port);
        }
    }
}
