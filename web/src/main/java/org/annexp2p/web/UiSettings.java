package org.annexp2p.web;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the page: the repository it shows, where to listen (loopback and a free port unless told
 * otherwise), how long a connection may stay silent before the server closes it, and where the network checks
 * (the doctor's LAN self-tests) look: the real LAN, or loopback only (tests, a single host).
 */
public record UiSettings(Path repository, String host, int port, Duration idle, boolean loopbackChecks) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

    public UiSettings {
        repository = repository.toAbsolutePath().normalize();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public UiSettings(Path repository, String host, int port, Duration idle) {
        this(repository, host, port, idle, false);
    }

    /** The repository on 127.0.0.1, a free port. */
    public static UiSettings loopback(Path repository) {
        return new UiSettings(repository, LOOPBACK, 0, DEFAULT_IDLE, false);
    }

    public UiSettings listening(String host, int port) {
        return new UiSettings(repository, host, port, idle, loopbackChecks);
    }

    /** Network checks on loopback only: what tests use, never touching the real LAN. */
    public UiSettings checkingLoopbackOnly() {
        return new UiSettings(repository, host, port, idle, true);
    }
}
