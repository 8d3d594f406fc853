package org.annexp2p.wormhole.transit;

import org.annexp2p.wormhole.InvalidCodeException;

/** A host and port to try, with the priority Python attaches to relay helpers. */
public record TcpHint(String host, int port, double priority) {

    public TcpHint {
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad TCP hint " + host + ":" + port);
        }
    }

    /**
     * Parses the Python CLI's {@code --transit-helper} syntax, {@code tcp:HOST:PORT[:priority=F]}.
     * The error type is shared with code parsing because both are user-typed strings.
     */
    public static TcpHint parseEndpoint(String endpoint) throws InvalidCodeException {
        String[] parts = endpoint.split(":");
        if (parts.length < 3 || !parts[0].equals("tcp")) {
            throw new InvalidCodeException("transit helper must look like tcp:HOST:PORT, got: " + endpoint);
        }
        double priority = 0.0;
        for (int i = 3; i < parts.length; i++) {
            if (parts[i].startsWith("priority=")) {
                try {
                    priority = Double.parseDouble(parts[i].substring("priority=".length()));
                } catch (NumberFormatException e) {
                    throw new InvalidCodeException("bad priority in transit helper: " + endpoint);
                }
            }
        }
        try {
            return new TcpHint(parts[1], Integer.parseInt(parts[2]), priority);
        } catch (IllegalArgumentException e) {
            throw new InvalidCodeException("bad host or port in transit helper: " + endpoint);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
