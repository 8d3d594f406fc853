package org.annexp2p.tor.control;

import java.nio.file.Path;

/** Where a tor control port listens: a TCP address or a unix socket ({@code ControlSocket}). */
public sealed interface ControlEndpoint {

    record Tcp(String host, int port) implements ControlEndpoint {
        public Tcp {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("control port host is empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("control port " + port + " is out of range 1-65535");
            }
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    record Unix(Path path) implements ControlEndpoint {
        public Unix {
            if (path == null) {
                throw new IllegalArgumentException("control socket path is empty");
            }
        }

        @Override
        public String toString() {
            return "unix:" + path;
        }
    }

    /** Parses {@code HOST:PORT}, {@code [V6]:PORT}, a bare port (loopback) or {@code unix:PATH}. */
    static ControlEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty tor control address; use HOST:PORT or unix:PATH");
        }
        String t = text.strip();
        if (t.startsWith("unix:")) {
            if (t.length() == 5) {
                throw new IllegalArgumentException("tor control address 'unix:' lacks a socket path");
            }
            return new Unix(Path.of(t.substring(5)));
        }
        String host = "127.0.0.1";
        String port = t;
        int colon = t.lastIndexOf(':');
        if (colon >= 0) {
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("tor control address '" + t + "' has no valid port; use HOST:PORT or unix:PATH");
        }
        return new Tcp(host, Integer.parseInt(port));
    }

}
